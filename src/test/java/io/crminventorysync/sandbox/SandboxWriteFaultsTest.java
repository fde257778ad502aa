package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Write faults on both APIs: a 500 before the write (nothing written), a 500 after it (written), a
 * connection dropped after it (an I/O error, written), no answer after it (a timeout, written);
 * limited to one API; reproducible with a seed; reads untouched.
 */
class SandboxWriteFaultsTest extends SandboxTestSupport {

    private static Map<String, Object> account(String name) {
        return Map.of("data", List.of(Map.of("Account_Name", name)));
    }

    @Test
    void aWriteErrorBeforeTheWriteAnswers500AndWritesNothingOnEitherApi() {
        admin.knobs().setWriteErrorRate(1.0);

        Response crm = call("POST", CRM + "/Accounts", account("Never Written Ltd"));
        Response inventory = inv("POST", "/contacts", Map.of("contact_name", "Never Written Customer"));

        assertThat(crm.status()).isEqualTo(500);
        assertThat(crm.json().get("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(crm.json().get("status").asText()).isEqualTo("error");
        assertThat(inventory.status()).isEqualTo(500);
        assertThat(inventory.json().get("code").asInt()).isNotZero();
        assertThat(admin.crmCount("Accounts")).isZero();
        assertThat(admin.inventoryContactCount()).isZero();
        assertThat(admin.count("crm.fault.errorBefore")).isEqualTo(1);
        assertThat(admin.count("inventory.fault.errorBefore")).isEqualTo(1);
    }

    @Test
    void aWriteErrorAfterTheWriteAnswers500ButTheRecordExists() {
        admin.knobs().setWriteErrorAfterRate(1.0);

        Response crm = call("POST", CRM + "/Accounts", account("Written Then Failed Ltd"));
        Response inventory = inv("POST", "/items", Map.of("name", "Written Then Failed Item"));

        assertThat(crm.status()).isEqualTo(500);
        assertThat(crm.json().get("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(inventory.status()).isEqualTo(500);
        assertThat(admin.crmFind("Accounts", "Account_Name", "Written Then Failed Ltd")).isPresent();
        assertThat(admin.inventoryItems()).extracting(i -> i.get("name")).containsExactly("Written Then Failed Item");
    }

    @Test
    void readsAreNotWritesAndKeepAnswering() {
        admin.knobs().setWriteErrorRate(1.0);
        admin.knobs().setWriteDropRate(1.0);
        admin.crmCreate("Accounts", Map.of("Account_Name", "Readable Ltd"));

        assertThat(get(CRM + "/Accounts?fields=Account_Name").status()).isEqualTo(200);
        assertThat(inv("GET", "/contacts", null).status()).isEqualTo(200);
    }

    @Test
    void aDroppedConnectionAfterTheWriteIsAnIoErrorAndTheRecordExists() {
        admin.knobs().setWriteDropRate(1.0);

        Attempt crm = attempt("POST", CRM + "/Accounts", account("Dropped Answer Ltd"), Duration.ofSeconds(10));
        Attempt inventory = attempt("POST", INV + "/contacts?organization_id=" + ORG,
                Map.of("contact_name", "Dropped Answer Customer"), Duration.ofSeconds(10));

        assertThat(crm.failure()).as("CRM answer %s", crm.response()).isNotNull()
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(inventory.failure()).as("Inventory answer %s", inventory.response()).isNotNull()
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(admin.crmFind("Accounts", "Account_Name", "Dropped Answer Ltd")).isPresent();
        assertThat(admin.inventoryContactByName("Dropped Answer Customer")).isPresent();
        assertThat(admin.count("crm.fault.dropped")).isEqualTo(1);
        assertThat(admin.count("inventory.fault.dropped")).isEqualTo(1);

        admin.knobs().setWriteDropRate(0);
        assertThat(call("POST", CRM + "/Accounts", account("Next Call Ltd")).status())
                .as("the sandbox answers normally once the knob is off").isEqualTo(201);
    }

    @Test
    void aWriteThatIsNeverAnsweredTimesTheClientOutAfterTakingEffect() {
        admin.knobs().setWriteNoAnswerRate(1.0);
        admin.knobs().setNoAnswerHoldMs(5_000);

        long start = System.nanoTime();
        Attempt r = attempt("PUT", INV + "/contacts/" + admin.inventoryCreateContact(Map.of("contact_name", "Slow Co"))
                + "?organization_id=" + ORG, Map.of("website", "https://slow.example"), Duration.ofMillis(800));

        assertThat(r.failure()).isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4_000));
        assertThat(admin.inventoryContactByName("Slow Co").orElseThrow().get("website")).isEqualTo("https://slow.example");
        assertThat(admin.count("inventory.fault.noAnswer")).isEqualTo(1);
    }

    @Test
    void faultApiLimitsTheFaultsToOneApi() {
        admin.knobs().setWriteErrorRate(1.0);
        admin.knobs().setFaultApi("inventory");

        assertThat(call("POST", CRM + "/Accounts", account("Spared Ltd")).status()).isEqualTo(201);
        assertThat(inv("POST", "/contacts", Map.of("contact_name", "Hit Customer")).status()).isEqualTo(500);
    }

    @Test
    void theSameSeedGivesTheSameFaultsInTheSameOrder() {
        List<Integer> first = statusesOfTwentyWrites(42);
        List<Integer> second = statusesOfTwentyWrites(42);

        assertThat(first).isEqualTo(second);
        assertThat(first).contains(201, 500);
    }

    private List<Integer> statusesOfTwentyWrites(long seed) {
        admin.reset();
        token = admin.issueAccessToken();
        admin.knobs().setSeed(seed);
        admin.knobs().setWriteErrorRate(0.3);
        admin.knobs().setWriteErrorAfterRate(0.2);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(call("POST", CRM + "/Accounts", account("Seeded " + i)).status());
        }
        return statuses;
    }

    @Test
    void writeFaultKnobsAreSetOverTheAdminApi() {
        Response changed = admin("PUT", "/knobs", Map.of("writeErrorAfterRate", 0.25, "writeDropRate", 0.1,
                "faultApi", "crm", "seed", 7, "noAnswerHoldMs", 1500));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(admin.knobs().getWriteErrorAfterRate()).isEqualTo(0.25);
        assertThat(admin.knobs().getWriteDropRate()).isEqualTo(0.1);
        assertThat(admin.knobs().getFaultApi()).isEqualTo("crm");
        assertThat(admin.knobs().getSeed()).isEqualTo(7);
        Response bad = admin("PUT", "/knobs", Map.of("faultApi", "both", "writeErrorRate", 1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(admin.knobs().getWriteErrorRate()).as("nothing changes when one value is bad").isZero();
    }
}
