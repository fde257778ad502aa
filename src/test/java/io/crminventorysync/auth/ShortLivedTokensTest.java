package io.crminventorysync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Access tokens that live 5 seconds (shorter than sync.auth.refresh-margin's 5 minutes) through a
 * 600-account sync: every token is used for half its life, the service's own ceiling of 3 refreshes
 * a minute makes it wait instead of failing, and Zoho's token endpoint is never hit hard enough to
 * throttle it.
 */
class ShortLivedTokensTest extends SyncTestSupport {

    private static final int LIFETIME_SECONDS = 5;

    @Autowired ZohoTokenProvider tokens;

    @Test
    void aSixHundredAccountSyncWithFiveSecondTokensCompletesWithinTheRefreshBudget() {
        tokens.reset();
        sandbox.knobs().setTokenLifetimeSeconds(LIFETIME_SECONDS);
        sandbox.generate(600, 1, 0, 0, 0, 0);
        sandbox.resetStats();

        long started = System.nanoTime();
        RunSummary first = run("accounts");
        RunSummary second = run("accounts");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(first.status()).as("first run: %s", first.message()).isEqualTo(RunStatus.SUCCEEDED);
        // 600 accounts with one contact each: 600 customers and their 600 contact persons
        assertThat(first.pull().read()).isEqualTo(1200);
        assertThat(first.pull().created()).isEqualTo(1200);
        // the run after starts with the minute's refreshes spent: it waits, it does not fail
        assertThat(second.status()).as("the run after: %s", second.message()).isEqualTo(RunStatus.SUCCEEDED);
        long refreshes = sandbox.count("oauth.refresh");
        assertThat(refreshes).as("refreshes in %s", took).isLessThanOrEqualTo(took.toSeconds() / LIFETIME_SECONDS + 2);
        assertThat(sandbox.count("oauth.throttled")).as("Zoho throttled the token endpoint").isZero();
        assertThat(sandbox.count("crm.401") + sandbox.count("inventory.401")).as("calls with a dead token")
                .isLessThanOrEqualTo(refreshes);
    }
}
