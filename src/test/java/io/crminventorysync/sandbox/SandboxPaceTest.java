package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Pace and budgets: per-API latency that slow calls spend side by side, Inventory's daily call cap
 * (429 code 45), CRM API credits (X-API-CREDITS-REMAINING once half are used, then 429), and the
 * call counters.
 */
class SandboxPaceTest extends SandboxTestSupport {

    @Test
    void slowInventoryCallsOverlapInsteadOfQueueingBehindALock() {
        admin.knobs().setInventoryLatencyMs(700);
        admin.inventoryCreateContact(Map.of("contact_name", "Overlap Ltd"));

        long start = System.nanoTime();
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        calls.add(CompletableFuture.supplyAsync(() -> inv("GET", "/contacts", null)));
        calls.add(CompletableFuture.supplyAsync(() -> inv("POST", "/items", Map.of("name", "Overlap Item"))));
        calls.add(CompletableFuture.supplyAsync(() -> inv("GET", "/items", null)));
        List<Integer> statuses = calls.stream().map(c -> c.join().status()).toList();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(statuses).containsExactlyInAnyOrder(200, 201, 200);
        assertThat(took).as("three 700 ms calls at once").isGreaterThanOrEqualTo(Duration.ofMillis(700))
                .isLessThan(Duration.ofMillis(1_900));
    }

    @Test
    void eachApiHasItsOwnLatency() {
        admin.knobs().setCrmLatencyMs(400);

        long crmStart = System.nanoTime();
        get(CRM + "/Accounts?fields=Account_Name");
        Duration crm = Duration.ofNanos(System.nanoTime() - crmStart);
        long invStart = System.nanoTime();
        inv("GET", "/contacts", null);
        Duration inventory = Duration.ofNanos(System.nanoTime() - invStart);

        assertThat(crm).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(inventory).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void pastTheDailyCapInventoryAnswers429Code45UntilTheDayRollsOn() {
        admin.knobs().setInventoryCallsPerDay(3);
        for (int i = 0; i < 3; i++) {
            assertThat(inv("GET", "/contacts", null).status()).isEqualTo(200);
        }

        Response capped = inv("GET", "/contacts", null);

        assertThat(capped.status()).isEqualTo(429);
        assertThat(capped.json().get("code").asInt()).isEqualTo(45);
        assertThat(capped.json().get("message").asText())
                .isEqualTo("The API call for this organization has exceeded the maximum call rate limit of 3.");
        assertThat(admin.count("inventory.429.daily")).isEqualTo(1);
        assertThat(admin.count("inventory.429")).isEqualTo(1);

        admin.advanceClock(Duration.ofHours(23));
        token = admin.issueAccessToken();
        assertThat(inv("GET", "/contacts", null).status()).as("still inside the 24 hours").isEqualTo(429);
        admin.advanceClock(Duration.ofHours(1).plusMinutes(2));
        token = admin.issueAccessToken();
        assertThat(inv("GET", "/contacts", null).status()).isEqualTo(200);
    }

    @Test
    void theDailyCapMessageNamesTheCapAsZohoWritesIt() {
        admin.knobs().setInventoryCallsPerDay(1_000);
        admin.knobs().setInventoryRequestsPerMinute(2_000);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                int ok = 0;
                for (int i = 0; i < 250; i++) {
                    ok += inv("GET", "/items", null).status() == 200 ? 1 : 0;
                }
                return ok;
            }));
        }
        assertThat(calls.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(1_000);

        Response capped = inv("GET", "/items", null);

        assertThat(capped.status()).isEqualTo(429);
        assertThat(capped.json().get("message").asText())
                .isEqualTo("The API call for this organization has exceeded the maximum call rate limit of 1,000.");
    }

    @Test
    void crmCreditsShowTheirRemainderOnceHalfAreUsedAndRunOutWith429() {
        admin.knobs().setCrmCreditsPerDay(10);
        for (int i = 0; i < 4; i++) {
            assertThat(get(CRM + "/Accounts?fields=Account_Name").headers().firstValue("X-API-CREDITS-REMAINING"))
                    .as("call %d", i + 1).isEmpty();
        }
        assertThat(get(CRM + "/Accounts?fields=Account_Name").headers().firstValue("X-API-CREDITS-REMAINING")).contains("5");

        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            records.add(Map.of("Account_Name", "Credit Account " + i));
        }
        Response write = call("POST", CRM + "/Accounts", Map.of("data", records));
        assertThat(write.status()).isEqualTo(201);
        assertThat(write.headers().firstValue("X-API-CREDITS-REMAINING")).as("25 records cost 3 credits").contains("2");
        get(CRM + "/Accounts?fields=Account_Name");
        assertThat(get(CRM + "/Accounts?fields=Account_Name").headers().firstValue("X-API-CREDITS-REMAINING")).contains("0");

        Response out = get(CRM + "/Accounts?fields=Account_Name");
        assertThat(out.status()).isEqualTo(429);
        assertThat(out.json().get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(out.json().get("status").asText()).isEqualTo("error");
        assertThat(out.headers().firstValue("X-API-CREDITS-REMAINING")).contains("0");
        assertThat(admin.count("crm.credits")).isEqualTo(10);
        assertThat(admin.count("crm.429.credits")).isEqualTo(1);
        assertThat(admin.crmCreditsUsed()).isEqualTo(10);

        admin.advanceClock(Duration.ofHours(24).plusMinutes(1));
        token = admin.issueAccessToken();
        Response nextDay = get(CRM + "/Accounts?fields=Account_Name");
        assertThat(nextDay.status()).isEqualTo(200);
        assertThat(nextDay.headers().firstValue("X-API-CREDITS-REMAINING")).isEmpty();
    }

    @Test
    void paceKnobsAreSetOverTheAdminApi() {
        Response r = admin("PUT", "/knobs", Map.of("inventoryLatencyMs", 700, "crmLatencyMs", 50,
                "inventoryCallsPerDay", 10000, "crmCreditsPerDay", 50000));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("inventoryLatencyMs").asInt()).isEqualTo(700);
        assertThat(admin.knobs().getCrmLatencyMs()).isEqualTo(50);
        assertThat(admin.knobs().getInventoryCallsPerDay()).isEqualTo(10_000);
        assertThat(admin.knobs().getCrmCreditsPerDay()).isEqualTo(50_000);
    }
}
