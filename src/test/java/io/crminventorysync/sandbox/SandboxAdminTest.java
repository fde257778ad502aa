package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The admin bean and endpoints: generation, demo data, knobs, counters, fault injection. */
class SandboxAdminTest extends SandboxTestSupport {

    @Test
    void aHundredThousandAccountsWithThreeContactsEachAreGeneratedInSeconds() {
        SandboxAdmin.Generated made = admin.generate(100_000, 3, 50, 500, 0, 0);

        assertThat(made.millis()).as("generation time in ms").isLessThan(15_000);
        assertThat(admin.crmCount("Accounts")).isEqualTo(100_000);
        assertThat(admin.crmCount("Contacts")).isEqualTo(300_000);
        assertThat(admin.crmCount("Products")).isEqualTo(500);
        Response firstPage = get(CRM + "/Contacts?fields=Last_Name,Account_Name&per_page=200");
        assertThat(firstPage.json().get("data")).hasSize(200);
        assertThat(firstPage.json().at("/data/0/Account_Name/name").asText()).startsWith("Gen");
        Response deepPage = get(CRM + "/Contacts?fields=Last_Name,Account_Name&per_page=200&page_token="
                + firstPage.json().at("/info/next_page_token").asText());
        assertThat(deepPage.json().at("/info/page").asInt()).isEqualTo(2);
    }

    @Test
    void theDemoDataHasAztecWithThreeContactsAnOrphanAndTheInventoryDuplicate() {
        admin.seedDemo();

        assertThat(admin.crmRecord("Accounts", SandboxDemoData.AZTEC).orElseThrow().get("Account_Name"))
                .isEqualTo("Aztec Technologies");
        assertThat(admin.crmRecords("Contacts")).hasSize(6);
        assertThat(admin.crmRecord("Contacts", SandboxDemoData.OLIVER_NO_ACCOUNT).orElseThrow().get("Account_Name")).isNull();
        assertThat(admin.crmRecords("Vendors")).hasSize(3);
        assertThat(admin.crmFind("Products", "Product_Code", "SKU-SCN-100").orElseThrow().get("Vendor_Name"))
                .isEqualTo(Map.of("name", "Acme Components", "id", SandboxDemoData.ACME_VENDOR));
        Map<String, Object> zylker = admin.inventoryContactByName("Zylker Traders").orElseThrow();
        assertThat(zylker.get("contact_id")).isEqualTo(SandboxDemoData.INV_ZYLKER);
        assertThat(zylker.get("has_transaction")).isEqualTo(true);
        assertThat(zylker.get("primary_contact_id")).isEqualTo(SandboxDemoData.INV_ZYLKER_PERSON);
        assertThat(admin.demoIds()).containsEntry("crm.view.Key accounts", SandboxDemoData.KEY_ACCOUNTS_VIEW);
    }

    @Test
    void aUserEditInCrmBumpsModifiedTimeAndIsAttributedToTheUiUser() {
        String id = admin.crmCreate("Accounts", Map.of("Account_Name", "Edited In The UI"),
                java.time.Instant.parse("2024-01-01T00:00:00Z"), java.time.Instant.parse("2024-01-01T00:00:00Z"));

        admin.crmEdit("Accounts", id, Map.of("Website", "https://edited.example"));

        Map<String, Object> after = admin.crmRecord("Accounts", id).orElseThrow();
        assertThat((String) after.get("Modified_Time")).doesNotStartWith("2024-01-01");
        assertThat(after.get("Modified_By")).isEqualTo(SandboxUser.UI_USER.ref());
    }

    @Test
    void aViewCreatedThroughTheAdminBeanFiltersListsAndBadInputIsTheCallersError() {
        admin.crmCreate("Vendors", Map.of("Vendor_Name", "Local Supplier", "City", "Pune"));
        admin.crmCreate("Vendors", Map.of("Vendor_Name", "Far Supplier", "City", "Lyon"));

        String cvid = admin.crmCreateView("Vendors", "Pune vendors", "(City:equals:Pune)");

        JsonNode data = get(CRM + "/Vendors?fields=Vendor_Name&cvid=" + cvid).json().get("data");
        assertThat(data.findValuesAsText("Vendor_Name")).containsExactly("Local Supplier");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> admin.crmCreateView("Vendors", "Broken", "(City:near:Pune)"));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> admin.crmRecord("Leads", "4150868000000224005"));
    }

    @Test
    void knobsAreReadAndChangedOverHttpAndAnUnknownKnobIsRefused() {
        Response before = adminCall("GET", "/sandbox/_admin/knobs", null);
        assertThat(before.json().get("refreshesPerMinute").asInt()).isEqualTo(10);

        Response changed = adminCall("PUT", "/sandbox/_admin/knobs", Map.of("latencyMs", 5, "crmMaxConcurrent", 3));
        assertThat(changed.json().get("latencyMs").asInt()).isEqualTo(5);
        assertThat(admin.knobs().getCrmMaxConcurrent()).isEqualTo(3);

        Response unknown = adminCall("PUT", "/sandbox/_admin/knobs", Map.of("warpSpeed", 9));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asText()).contains("warpSpeed");
    }

    @Test
    void theAdminEndpointsResetSeedGenerateAndCount() {
        assertThat(adminCall("POST", "/sandbox/_admin/seed-demo", null).json().at("/ids/crm.account.Aztec Technologies").asText())
                .isEqualTo(SandboxDemoData.AZTEC);
        JsonNode generated = adminCall("POST", "/sandbox/_admin/generate?accounts=10&contacts=2&vendors=1&products=3&customers=4&items=5", null).json();
        assertThat(generated.get("contacts").asInt()).isEqualTo(20);
        JsonNode counts = adminCall("GET", "/sandbox/_admin/counts", null).json();
        assertThat(counts.get("crm.Accounts").asInt()).isEqualTo(14);
        assertThat(counts.get("inventory.contacts").asInt()).isEqualTo(5);
        assertThat(counts.get("inventory.items").asInt()).isEqualTo(7);

        String edited = adminCall("PUT", "/sandbox/_admin/crm/Accounts/" + SandboxDemoData.AZTEC, Map.of("Phone", "+91 44 0000 0000"))
                .json().get("Phone").asText();
        assertThat(edited).isEqualTo("+91 44 0000 0000");

        adminCall("POST", "/sandbox/_admin/reset", null);
        assertThat(adminCall("GET", "/sandbox/_admin/counts", null).json().get("crm.Accounts").asInt()).isZero();
    }

    @Test
    void theAdminApiNeedsTheOperatorLoginAndBoundsWhatItIsAskedToBuild() {
        Response anonymous = raw("POST", "/sandbox/_admin/generate?accounts=1", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        assertThat(raw("POST", "/sandbox/_admin/token", null).status()).isEqualTo(401);
        assertThat(raw("GET", "/sandbox/_admin/demo", null).status()).isEqualTo(401);
        assertThat(admin.crmCount("Accounts")).isZero();

        Response huge = adminCall("POST", "/sandbox/_admin/generate?accounts=2000000000&contacts=100", null);
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("error").asText()).contains("at most " + SandboxAdmin.MAX_GENERATED + " records");
        Response manyContacts = adminCall("POST", "/sandbox/_admin/generate?accounts=1&contacts=100000", null);
        assertThat(manyContacts.status()).isEqualTo(400);
        Response slow = adminCall("PUT", "/sandbox/_admin/knobs", Map.of("latencyMs", 86_400_000));
        assertThat(slow.status()).isEqualTo(400);
        assertThat(admin.knobs().getLatencyMs()).isZero();
        assertThat(adminCall("POST", "/sandbox/_admin/clock/advance?seconds=" + Long.MAX_VALUE, null).status()).isEqualTo(400);
        assertThat(admin.crmCount("Accounts")).isZero();

        // the simulated Zoho APIs stay as open as Zoho's: their own OAuth token, no operator login
        assertThat(get(CRM + "/Accounts?fields=Account_Name").status()).isIn(200, 204);
    }

    @Test
    void statsCountCallsByApiMethodAndKind() {
        get(CRM + "/Accounts?fields=Account_Name");
        call("POST", CRM + "/Accounts", Map.of("data", List.of(Map.of("Account_Name", "Counted Ltd"))));
        inv("GET", "/contacts", null);
        inv("POST", "/contacts", Map.of("contact_name", "Counted Customer"));
        form("/sandbox/accounts/oauth/v2/token", "grant_type=refresh_token&refresh_token=test-refresh-token"
                + "&client_id=test-client&client_secret=test-secret");

        JsonNode stats = adminCall("GET", "/sandbox/_admin/stats", null).json();

        assertThat(stats.get("crm.read").asInt()).isEqualTo(1);
        assertThat(stats.get("crm.write").asInt()).isEqualTo(1);
        assertThat(stats.get("crm.POST").asInt()).isEqualTo(1);
        assertThat(stats.get("inventory.read").asInt()).isEqualTo(1);
        assertThat(stats.get("inventory.write").asInt()).isEqualTo(1);
        assertThat(stats.get("oauth.refresh").asInt()).isEqualTo(1);
        adminCall("POST", "/sandbox/_admin/stats/reset", null);
        assertThat(admin.stats()).isEmpty();
    }

    @Test
    void aBurstOf429sHitsTheNextCallsOfBothApisWithRetryAfter() {
        admin.knobs().setBurst429(2);
        admin.knobs().setRetryAfterSeconds(3);

        Response crm = get(CRM + "/Accounts?fields=Account_Name");
        Response inventory = inv("GET", "/items", null);
        Response third = get(CRM + "/Accounts?fields=Account_Name");

        assertThat(crm.status()).isEqualTo(429);
        assertThat(crm.json().get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(crm.headers().firstValue("Retry-After")).contains("3");
        assertThat(inventory.status()).isEqualTo(429);
        assertThat(inventory.json().get("code").asInt()).isNotZero();
        assertThat(third.status()).isEqualTo(204);
    }

    @Test
    void aCallBeyondTheCrmConcurrencyLimitGets429() {
        admin.knobs().setCrmMaxConcurrent(1);
        admin.knobs().setLatencyMs(500);

        CompletableFuture<Response> one = CompletableFuture.supplyAsync(() -> get(CRM + "/Accounts?fields=Account_Name"));
        CompletableFuture<Response> two = CompletableFuture.supplyAsync(() -> get(CRM + "/Vendors?fields=Vendor_Name"));

        assertThat(List.of(one.join().status(), two.join().status())).containsExactlyInAnyOrder(204, 429);
        assertThat(admin.count("crm.429")).isEqualTo(1);
    }

    @Test
    void parallelInsertsOfTheSameNamesCreateEachAccountOnce() {
        List<Map<String, Object>> names = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            names.add(Map.of("Account_Name", "Contended Account " + i));
        }
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            calls.add(CompletableFuture.supplyAsync(() -> call("POST", CRM + "/Accounts", Map.of("data", names))));
        }

        int added = 0;
        int duplicates = 0;
        for (CompletableFuture<Response> c : calls) {
            for (JsonNode item : c.join().json().get("data")) {
                added += "SUCCESS".equals(item.get("code").asText()) ? 1 : 0;
                duplicates += "DUPLICATE_DATA".equals(item.get("code").asText()) ? 1 : 0;
            }
        }

        assertThat(added).isEqualTo(25);
        assertThat(duplicates).isEqualTo(75);
        assertThat(admin.crmCount("Accounts")).isEqualTo(25);
    }

    @Test
    void anErrorAfterProcessingLosesTheAnswerButKeepsTheWrite() {
        admin.knobs().setErrorRate(1.0);
        admin.knobs().setErrorAfterProcessing(true);

        Response r = call("POST", CRM + "/Accounts", Map.of("data", List.of(Map.of("Account_Name", "Written Anyway"))));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(admin.crmFind("Accounts", "Account_Name", "Written Anyway")).isPresent();

        admin.knobs().setErrorAfterProcessing(false);
        Response refused = inv("POST", "/contacts", Map.of("contact_name", "Never Written"));
        assertThat(refused.status()).isEqualTo(500);
        assertThat(admin.inventoryContactByName("Never Written")).isEmpty();
    }

}
