package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CRM deletes (reference sections 1.3 and 1.4): by ids and by path, into the recycle bin, listed by
 * GET /{module}/deleted, gone from lists and reads, refused to updates; permanent deletes; merges.
 */
class SandboxCrmDeleteTest extends SandboxTestSupport {

    @Test
    void deletingByPathAnswers200WithTheRecordDeletedItem() {
        String id = admin.crmCreate("Vendors", Map.of("Vendor_Name", "Retired Supplier"));

        Response r = call("DELETE", CRM + "/Vendors/" + id, null);

        assertThat(r.status()).isEqualTo(200);
        JsonNode item = r.json().at("/data/0");
        assertThat(item.get("code").asText()).isEqualTo("SUCCESS");
        assertThat(item.get("details").toString()).isEqualTo("{\"id\":\"" + id + "\"}");
        assertThat(item.get("message").asText()).isEqualTo("record deleted");
        assertThat(item.get("status").asText()).isEqualTo("success");
        assertThat(admin.count("crm.write")).isEqualTo(1);
    }

    @Test
    void aDeletedRecordIsNotListedNorReadableAndAnUpdateOfItIsAPerRecordInvalidData() {
        String kept = admin.crmCreate("Accounts", Map.of("Account_Name", "Kept Ltd"));
        String gone = admin.crmCreate("Accounts", Map.of("Account_Name", "Gone Ltd"));
        assertThat(call("DELETE", CRM + "/Accounts?ids=" + gone, null).status()).isEqualTo(200);

        JsonNode listed = get(CRM + "/Accounts?fields=Account_Name").json().get("data");
        assertThat(listed.findValuesAsText("id")).containsExactly(kept);
        assertThat(get(CRM + "/Accounts/" + gone).status()).as("a read of a deleted id, as of an unknown one").isEqualTo(204);
        assertThat(get(CRM + "/Accounts?fields=Account_Name&ids=" + gone).status()).isEqualTo(204);

        Response update = call("PUT", CRM + "/Accounts", Map.of("data", List.of(
                Map.of("id", kept, "Phone", "+91 1111"), Map.of("id", gone, "Phone", "+91 2222"))));
        assertThat(update.status()).isEqualTo(207);
        JsonNode refused = update.json().at("/data/1");
        assertThat(refused.get("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(refused.get("status").asText()).isEqualTo("error");
        assertThat(refused.at("/details/api_name").asText()).isEqualTo("id");
        assertThat(refused.at("/details/json_path").asText()).isEqualTo("$.data[1].id");
        Response byPath = call("PUT", CRM + "/Accounts/" + gone, Map.of("data", List.of(Map.of("Phone", "+91 3333"))));
        assertThat(byPath.status()).isEqualTo(400);
        assertThat(byPath.json().at("/data/0/details/api_name").asText()).isEqualTo("id");
        Response upsert = call("POST", CRM + "/Accounts/upsert", Map.of("data", List.of(Map.of("Account_Name", "Gone Ltd"))));
        assertThat(upsert.json().at("/data/0/action").asText()).as("a deleted record is no duplicate").isEqualTo("insert");
    }

    @Test
    void deletingAnAlreadyDeletedRecordIsRecordNotDeleted() {
        String id = admin.crmCreate("Products", Map.of("Product_Name", "Old Widget"));
        admin.crmDelete("Products", id);

        Response again = call("DELETE", CRM + "/Products?ids=" + id + ",4150868000000999999", null);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().at("/data/0/code").asText()).isEqualTo("INVALID_DATA");
        assertThat(again.json().at("/data/0/message").asText()).isEqualTo("record not deleted");
        assertThat(again.json().at("/data/0/details/id").asText()).isEqualTo(id);
        assertThat(again.json().at("/data/1/message").asText()).isEqualTo("the id given seems to be invalid");
        Response noIds = call("DELETE", CRM + "/Products", null);
        assertThat(noIds.status()).isEqualTo(400);
        assertThat(noIds.json().get("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
    }

    @Test
    void theDeletedListShowsWhoDeletedWhatAndPagesLikeZoho() {
        String byApi = admin.crmCreate("Contacts", Map.of("First_Name", "Api", "Last_Name", "Deleted"));
        String byUser = admin.crmCreate("Contacts", Map.of("First_Name", "Ui", "Last_Name", "Deleted"));
        call("DELETE", CRM + "/Contacts/" + byApi, null);
        admin.advanceClock(Duration.ofSeconds(5));
        admin.crmDelete("Contacts", byUser);

        Response r = get(CRM + "/Contacts/deleted?type=recycle&per_page=1");

        assertThat(r.status()).isEqualTo(200);
        JsonNode first = r.json().at("/data/0");
        assertThat(first.get("id").asText()).as("newest first").isEqualTo(byUser);
        assertThat(first.get("display_name").asText()).isEqualTo("Ui Deleted");
        assertThat(first.get("type").asText()).isEqualTo("recycle");
        assertThat(first.get("deleted_time").asText()).matches(CRM_TIME);
        assertThat(first.at("/deleted_by/name").asText()).isEqualTo(SandboxUser.UI_USER.name());
        assertThat(first.at("/created_by/id").asText()).isEqualTo(SandboxUser.UI_USER.id());
        JsonNode info = r.json().get("info");
        assertThat(info.get("per_page").asInt()).isEqualTo(1);
        assertThat(info.get("count").asInt()).isEqualTo(1);
        assertThat(info.get("page").asInt()).isEqualTo(1);
        assertThat(info.get("more_records").asBoolean()).isTrue();
        JsonNode second = get(CRM + "/Contacts/deleted?per_page=1&page=2").json().at("/data/0");
        assertThat(second.at("/deleted_by/id").asText()).isEqualTo(SandboxUser.API_USER.id());
        assertThat(get(CRM + "/Contacts/deleted?type=permanent").status()).isEqualTo(204);
        Response badType = get(CRM + "/Contacts/deleted?type=trash");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("code").asText()).isEqualTo("PATTERN_NOT_MATCHED");
    }

    @Test
    void ifModifiedSinceListsOnlyLaterDeletesAnd304WhenNoneAnd204WithoutTheHeaderWhenEmpty() {
        assertThat(get(CRM + "/Accounts/deleted").status()).isEqualTo(204);
        String early = admin.crmCreate("Accounts", Map.of("Account_Name", "Early Exit Ltd"));
        String late = admin.crmCreate("Accounts", Map.of("Account_Name", "Late Exit Ltd"));
        admin.crmDelete("Accounts", early);
        admin.advanceClock(Duration.ofMinutes(1));
        String cursor = SandboxClock.crmTime(admin.now().toEpochMilli());
        admin.advanceClock(Duration.ofMinutes(1));

        assertThat(get(CRM + "/Accounts/deleted", "If-Modified-Since", cursor).status()).isEqualTo(304);
        admin.crmDelete("Accounts", late);
        JsonNode data = get(CRM + "/Accounts/deleted", "If-Modified-Since", cursor).json().get("data");
        assertThat(ids(data)).containsExactly(late);
    }

    @Test
    void aPurgedRecordAndOneLeftInTheBinFor60DaysArePermanentWithoutNamesAndGoneAfter120() {
        String purged = admin.crmCreate("Vendors", Map.of("Vendor_Name", "Purged Vendor"));
        String aged = admin.crmCreate("Vendors", Map.of("Vendor_Name", "Aged Vendor"));
        admin.crmDelete("Vendors", aged);
        admin.advanceClock(Duration.ofDays(61));
        token = admin.issueAccessToken();

        assertThat(admin.crmPurge("Vendors", purged)).isTrue();
        assertThat(admin("POST", "/crm/Vendors/4150868000000999999/purge", null).json().get("purged").asBoolean()).isFalse();

        JsonNode permanent = get(CRM + "/Vendors/deleted?type=permanent").json().get("data");
        assertThat(ids(permanent)).containsExactlyInAnyOrder(purged, aged);
        for (JsonNode d : permanent) {
            assertThat(d.get("type").asText()).isEqualTo("permanent");
            assertThat(d.get("display_name").isNull()).isTrue();
            assertThat(d.get("deleted_by").isNull()).isTrue();
            assertThat(d.get("created_by").isNull()).isTrue();
        }
        assertThat(get(CRM + "/Vendors/deleted?type=recycle").status()).isEqualTo(204);
        admin.advanceClock(Duration.ofDays(60));
        token = admin.issueAccessToken();
        assertThat(ids(get(CRM + "/Vendors/deleted").json().get("data"))).containsExactly(purged);
    }

    @Test
    void mergingKeepsTheMasterMovesTheChildsContactsAndDeletesTheChild() {
        String master = admin.crmCreate("Accounts", Map.of("Account_Name", "Acme Ltd", "Phone", "+91 1000"));
        String child = admin.crmCreate("Accounts", Map.of("Account_Name", "Acme Limited", "Website", "https://acme.example"));
        String contact = admin.crmCreate("Contacts", Map.of("Last_Name", "Moved", "Account_Name", child));
        admin.advanceClock(Duration.ofMinutes(1));

        admin.crmMerge("Accounts", master, child, List.of("Website"));

        Map<String, Object> merged = admin.crmRecord("Accounts", master).orElseThrow();
        assertThat(merged.get("Account_Name")).isEqualTo("Acme Ltd");
        assertThat(merged.get("Website")).isEqualTo("https://acme.example");
        assertThat(merged.get("Phone")).isEqualTo("+91 1000");
        assertThat(admin.crmRecord("Accounts", child)).isEmpty();
        assertThat(admin.crmRecord("Contacts", contact).orElseThrow().get("Account_Name"))
                .isEqualTo(Map.of("name", "Acme Ltd", "id", master));
        assertThat(ids(get(CRM + "/Accounts/deleted").json().get("data"))).containsExactly(child);
        assertThat(get(CRM + "/Contacts/deleted").status()).as("the child's contacts were moved, not deleted").isEqualTo(204);
        assertThat(get(CRM + "/Accounts?fields=Account_Name&sort_by=Modified_Time").json().at("/data/0/id").asText())
                .as("the master is the latest change").isEqualTo(master);
    }

    @Test
    void mergesAreRefusedForProductsAndMissingRecordsAndWorkOverTheAdminApi() {
        String p1 = admin.crmCreate("Products", Map.of("Product_Name", "Bolt"));
        String p2 = admin.crmCreate("Products", Map.of("Product_Name", "Bolts"));
        assertThatIllegalArgumentException().isThrownBy(() -> admin.crmMerge("Products", p1, p2, List.of()));
        String v1 = admin.crmCreate("Vendors", Map.of("Vendor_Name", "Nuts Inc"));
        String v2 = admin.crmCreate("Vendors", Map.of("Vendor_Name", "Nuts Incorporated", "City", "Pune"));
        admin.crmEdit("Products", p1, Map.of("Vendor_Name", v2));
        assertThatIllegalArgumentException().isThrownBy(() -> admin.crmMerge("Vendors", v1, "4150868000000999999", List.of()));

        Response merged = admin("POST", "/crm/Vendors/" + v1 + "/merge", Map.of("child_id", v2, "fields", List.of("City")));

        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.json().get("City").asText()).isEqualTo("Pune");
        assertThat(admin.crmRecord("Products", p1).orElseThrow().get("Vendor_Name"))
                .isEqualTo(Map.of("name", "Nuts Inc", "id", v1));
    }

    /** The top-level ids of a data array (deleted_by and created_by carry ids of their own). */
    private static List<String> ids(JsonNode data) {
        List<String> out = new java.util.ArrayList<>();
        data.forEach(d -> out.add(d.get("id").asText()));
        return out;
    }
}
