package io.crminventorysync.sync.pull;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncModule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A daily budget spent stops a run cleanly: PARTIAL with reason DAILY_LIMIT, what was written kept,
 * the rest skipped and read again by the next runs (cursors kept), no further call while the budget
 * is spent (no storm of refused calls), and the remaining budget shown by GET /api/modules. Our own
 * cap (sync.inventory.daily-limit, 25 calls here) and Inventory's refusal (its code 45) alike.
 */
@Tag("sql")
@TestPropertySource(properties = "sync.inventory.daily-limit=25")
class DailyLimitTest extends SyncTestSupport {

    /** The window moving on: the calls counted in it are older than 24 hours. */
    private void aDayLater() {
        jdbc.update("DELETE FROM sync_api_usage");
        jdbc.update("DELETE FROM sync_api_state");
    }

    @Test
    void ourDailyLimitStopsTheRunCleanlyAndTheNextRunsCarryOnWhereItStopped() throws Exception {
        sandbox.generate(0, 0, 40, 0, 0, 0);
        RunSummary first = run("vendors");
        assertThat(first.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(first.reason()).isEqualTo("DAILY_LIMIT");
        assertThat(first.message()).startsWith("DAILY_LIMIT: ").contains("Inventory daily limit of 25 calls reached");
        assertThat(first.pull().read()).isEqualTo(40);
        assertThat(first.pull().created()).isEqualTo(25);
        assertThat(first.pull().skipped()).isEqualTo(15);
        assertThat(first.pull().failed()).isZero();
        assertThat(sandbox.count("inventory")).as("exactly the day's budget of calls, not one refused").isEqualTo(25);
        assertThat(pullErrors(first)).as("a spent budget is no record's error").isEmpty();

        JsonNode budget = api().getForObject("/api/modules/vendors", JsonNode.class).get("apiBudget").get("inventory");
        assertThat(budget.get("dailyLimit").asInt()).isEqualTo(25);
        assertThat(budget.get("callsLast24h").asInt()).isEqualTo(25);
        assertThat(budget.get("remainingToday").asInt()).isZero();
        assertThat(budget.get("blockedUntil").isNull()).isFalse();
        JsonNode remaining = api().getForObject("/actuator/metrics/zoho.api.budget.remaining?tag=api:inventory", JsonNode.class);
        assertThat(remaining.at("/measurements/0/value").asDouble()).isZero();
        JsonNode calls = api().getForObject("/actuator/metrics/zoho.api.calls.last24h?tag=api:inventory", JsonNode.class);
        assertThat(calls.at("/measurements/0/value").asDouble()).isEqualTo(25.0);

        // the next run calls nothing while the budget is spent
        RunSummary second = run("vendors");
        assertThat(second.reason()).isEqualTo("DAILY_LIMIT");
        assertThat(sandbox.count("inventory")).isEqualTo(25);
        assertThat(sandbox.count("inventory.429")).isZero();

        aDayLater();
        RunSummary third = run("vendors");
        assertThat(third.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(third.pull().created()).isEqualTo(15);
        assertThat(third.pull().unchanged()).as("those written before are skipped without a call").isEqualTo(25);
        assertThat(sandbox.inventoryContacts()).hasSize(40);
        assertThat(sandbox.count("inventory")).isEqualTo(40);
    }

    @Test
    void inventorysOwnRefusalForTheDayStopsTheRunAndTheClusterStopsCalling() {
        sandbox.knobs().setInventoryCallsPerDay(10);
        sandbox.generate(0, 0, 20, 0, 0, 0);
        RunSummary first = run("vendors");
        assertThat(first.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(first.reason()).isEqualTo("DAILY_LIMIT");
        assertThat(first.message()).contains("Inventory refused a call for the day");
        assertThat(first.pull().created()).isEqualTo(10);
        long refused = sandbox.count("inventory.429");
        assertThat(refused).as("the calls in flight when Inventory said no, then none")
                .isBetween(1L, (long) properties.getInventory().getMaxConcurrentCalls());

        RunSummary second = run("vendors");
        assertThat(second.reason()).isEqualTo("DAILY_LIMIT");
        assertThat(sandbox.count("inventory.429")).isEqualTo(refused);
        assertThat(runs.errors(second.id(), Flow.PULL)).isEmpty();
        assertThat(control.state(SyncModule.VENDORS).apiBudget().inventory().blockedReason())
                .contains("refused a call for the day");
    }
}
