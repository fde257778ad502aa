package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CRM writes: limits, per-record results in order, mandatory, duplicate and type checks, upsert, delete. */
class SandboxCrmWriteTest extends SandboxTestSupport {

    private Response post(String module, Object... records) {
        return call("POST", CRM + "/" + module, Map.of("data", List.of(records)));
    }

    @Test
    void a101RecordInsertIsRefusedWhole() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            records.add(Map.of("Account_Name", "Bulk Account " + i));
        }

        Response r = call("POST", CRM + "/Accounts", Map.of("data", records));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(r.json().get("status").asText()).isEqualTo("error");
        assertThat(admin.crmCount("Accounts")).isZero();
    }

    @Test
    void insertingTwoGoodAccountsAnswers201WithTheirIdsInOrder() {
        Response r = post("Accounts", Map.of("Account_Name", "Harbor Logistics"), Map.of("Account_Name", "Pinewood Labs"));

        assertThat(r.status()).isEqualTo(201);
        JsonNode data = r.json().get("data");
        assertThat(data).hasSize(2);
        for (JsonNode item : data) {
            assertThat(item.get("code").asText()).isEqualTo("SUCCESS");
            assertThat(item.get("message").asText()).isEqualTo("record added");
            assertThat(item.get("status").asText()).isEqualTo("success");
            assertThat(item.at("/details/id").asText()).matches("\\d{18,19}");
            assertThat(item.at("/details/Created_Time").asText()).matches(CRM_TIME);
            assertThat(item.at("/details/Modified_By/id").asText()).isNotBlank();
        }
        assertThat(admin.crmRecord("Accounts", data.at("/1/details/id").asText()).orElseThrow().get("Account_Name"))
                .isEqualTo("Pinewood Labs");
        assertThat(admin.count("crm.write")).isEqualTo(1);
        assertThat(admin.count("crm.write.records")).isEqualTo(2);
    }

    @Test
    void aContactWithoutLastNameFailsAloneAndTheCallAnswers207() {
        Response r = post("Contacts",
                Map.of("First_Name", "Ana", "Last_Name", "Silva"),
                Map.of("First_Name", "Nameless"),
                Map.of("Last_Name", "Okafor"));

        assertThat(r.status()).isEqualTo(207);
        JsonNode data = r.json().get("data");
        assertThat(data.at("/0/status").asText()).isEqualTo("success");
        assertThat(data.at("/1/code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(data.at("/1/message").asText()).isEqualTo("required field not found");
        assertThat(data.at("/1/details/api_name").asText()).isEqualTo("Last_Name");
        assertThat(data.at("/1/details/json_path").asText()).isEqualTo("$.data[1].Last_Name");
        assertThat(data.at("/2/status").asText()).isEqualTo("success");
        assertThat(admin.crmCount("Contacts")).isEqualTo(2);
    }

    @Test
    void whenEveryRecordFailsTheCallAnswers400WithTheSameDataArray() {
        Response r = post("Vendors", Map.of("Email", "no-name@vendor.example"), Map.of("City", "Madurai"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("data").findValuesAsText("code")).containsOnly("MANDATORY_NOT_FOUND");
    }

    @Test
    void aSecondAccountWithTheSameNameIsDuplicateDataNamingTheFirst() {
        String first = admin.crmCreate("Accounts", Map.of("Account_Name", "Aztec Technologies"));

        Response r = post("Accounts", Map.of("Account_Name", "aztec technologies"));

        assertThat(r.status()).isEqualTo(400);
        JsonNode item = r.json().at("/data/0");
        assertThat(item.get("code").asText()).isEqualTo("DUPLICATE_DATA");
        assertThat(item.get("message").asText()).isEqualTo("duplicate data");
        assertThat(item.at("/details/api_name").asText()).isEqualTo("Account_Name");
        assertThat(item.at("/details/json_path").asText()).isEqualTo("$.data[0].Account_Name");
        assertThat(item.at("/details/duplicate_record/id").asText()).isEqualTo(first);
    }

    @Test
    void twoContactsMayShareAnEmailOnInsert() {
        Response r = post("Contacts",
                Map.of("Last_Name", "Twin One", "Email", "shared@family.example"),
                Map.of("Last_Name", "Twin Two", "Email", "shared@family.example"));

        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void aTooLongNameAndABadEmailAreInvalidData() {
        Response r = post("Contacts",
                Map.of("Last_Name", "x".repeat(256)),
                Map.of("Last_Name", "Mailer", "Email", "not-an-email"));

        assertThat(r.status()).isEqualTo(400);
        JsonNode data = r.json().get("data");
        assertThat(data.at("/0/code").asText()).isEqualTo("INVALID_DATA");
        assertThat(data.at("/0/details/api_name").asText()).isEqualTo("Last_Name");
        assertThat(data.at("/0/details/maximum_length").asInt()).isEqualTo(255);
        assertThat(data.at("/1/code").asText()).isEqualTo("INVALID_DATA");
        assertThat(data.at("/1/details/api_name").asText()).isEqualTo("Email");
        assertThat(data.at("/1/details/json_path").asText()).isEqualTo("$.data[1].Email");
    }

    @Test
    void aLookupIsWrittenAsAnIdAndReadBackWithTheAccountsName() {
        String account = admin.crmCreate("Accounts", Map.of("Account_Name", "Lakeside Foods"));

        Response ok = post("Contacts", Map.of("Last_Name", "Perera", "Account_Name", Map.of("id", account)));
        String contact = ok.json().at("/data/0/details/id").asText();
        JsonNode read = get(CRM + "/Contacts/" + contact).json().at("/data/0/Account_Name");
        assertThat(read.get("name").asText()).isEqualTo("Lakeside Foods");
        assertThat(read.get("id").asText()).isEqualTo(account);

        Response unknown = post("Contacts", Map.of("Last_Name", "Lost", "Account_Name", Map.of("id", "4150868000000999999")));
        assertThat(unknown.json().at("/data/0/code").asText()).isEqualTo("INVALID_DATA");
        assertThat(unknown.json().at("/data/0/details/api_name").asText()).isEqualTo("Account_Name");
    }

    @Test
    void updateManyNeedsAnIdPerRecordAndBumpsModifiedTime() {
        String account = admin.crmCreate("Accounts", Map.of("Account_Name", "Orchid Hotels"));
        String before = (String) admin.crmRecord("Accounts", account).orElseThrow().get("Modified_Time");
        admin.advanceClock(Duration.ofMinutes(5));

        Response r = call("PUT", CRM + "/Accounts", Map.of("data", List.of(
                Map.of("id", account, "Phone", "+91 484 555 0199"),
                Map.of("Phone", "+91 484 555 0100"))));

        assertThat(r.status()).isEqualTo(207);
        assertThat(r.json().at("/data/0/message").asText()).isEqualTo("record updated");
        assertThat(r.json().at("/data/1/code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(r.json().at("/data/1/details/api_name").asText()).isEqualTo("id");
        Map<String, Object> after = admin.crmRecord("Accounts", account).orElseThrow();
        assertThat(after.get("Phone")).isEqualTo("+91 484 555 0199");
        assertThat(after.get("Modified_Time")).isNotEqualTo(before);
    }

    @Test
    void updateByIdInThePathAnswers200() {
        String vendor = admin.crmCreate("Vendors", Map.of("Vendor_Name", "Delta Metals"));

        Response r = call("PUT", CRM + "/Vendors/" + vendor, Map.of("data", List.of(Map.of("City", "Nagpur"))));

        assertThat(r.status()).isEqualTo(200);
        assertThat(admin.crmRecord("Vendors", vendor).orElseThrow().get("City")).isEqualTo("Nagpur");
    }

    @Test
    void upsertOnEmailUpdatesTheKnownContactAndInsertsTheNewOne() {
        String known = admin.crmCreate("Contacts", Map.of("Last_Name", "Kapoor", "Email", "r.kapoor@mill.example"));

        Response r = call("POST", CRM + "/Contacts/upsert", Map.of(
                "data", List.of(
                        Map.of("Last_Name", "Kapoor", "Email", "R.Kapoor@mill.example", "Title", "Owner"),
                        Map.of("Last_Name", "Newman", "Email", "newman@mill.example")),
                "duplicate_check_fields", List.of("Email")));

        assertThat(r.status()).isEqualTo(200);
        JsonNode data = r.json().get("data");
        assertThat(data.at("/0/action").asText()).isEqualTo("update");
        assertThat(data.at("/0/duplicate_field").asText()).isEqualTo("Email");
        assertThat(data.at("/0/details/id").asText()).isEqualTo(known);
        assertThat(data.at("/1/action").asText()).isEqualTo("insert");
        assertThat(data.at("/1/duplicate_field").isNull()).isTrue();
        assertThat(admin.crmRecord("Contacts", known).orElseThrow().get("Title")).isEqualTo("Owner");
        assertThat(admin.crmCount("Contacts")).isEqualTo(2);
    }

    @Test
    void upsertWithoutCheckFieldsUsesTheModulesSystemKeyAndAnAllInsertAnswers201() {
        admin.crmCreate("Products", Map.of("Product_Name", "Steel Rack", "Unit_Price", 120));

        Response update = call("POST", CRM + "/Products/upsert",
                Map.of("data", List.of(Map.of("Product_Name", "Steel Rack", "Unit_Price", 135.5))));
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.json().at("/data/0/duplicate_field").asText()).isEqualTo("Product_Name");

        Response insert = call("POST", CRM + "/Products/upsert",
                Map.of("data", List.of(Map.of("Product_Name", "Oak Shelf", "Product_Code", "OAK-1"))));
        assertThat(insert.status()).isEqualTo(201);
        assertThat(admin.crmFind("Products", "Product_Name", "Steel Rack").orElseThrow().get("Unit_Price")).isEqualTo(135.5);
    }

    @Test
    void deletingAnAccountMovesItAndItsContactsToTheRecycleBin() {
        String account = admin.crmCreate("Accounts", Map.of("Account_Name", "Closing Down Ltd"));
        admin.crmCreate("Contacts", Map.of("Last_Name", "Last Employee", "Account_Name", account));

        Response r = call("DELETE", CRM + "/Accounts?ids=" + account + ",4150868000000999999", null);

        assertThat(r.status()).isEqualTo(207);
        assertThat(r.json().at("/data/0/message").asText()).isEqualTo("record deleted");
        assertThat(r.json().at("/data/1/code").asText()).isEqualTo("INVALID_DATA");
        assertThat(admin.crmCount("Contacts")).isZero();
        JsonNode deleted = get(CRM + "/Accounts/deleted?type=all").json().get("data");
        assertThat(deleted.at("/0/id").asText()).isEqualTo(account);
        assertThat(deleted.at("/0/display_name").asText()).isEqualTo("Closing Down Ltd");
        assertThat(deleted.at("/0/deleted_time").asText()).matches(CRM_TIME);
        assertThat(get(CRM + "/Contacts/deleted").json().get("data")).hasSize(1);
        assertThat(get(CRM + "/Vendors/deleted").status()).isEqualTo(204);
    }

    @Test
    void aBodyWithoutDataOrWithBrokenJsonIsRefusedWhole() {
        Response noData = call("POST", CRM + "/Accounts", Map.of("trigger", List.of()));
        assertThat(noData.status()).isEqualTo(400);
        assertThat(noData.json().get("status").asText()).isEqualTo("error");

        Response broken = call("POST", CRM + "/Accounts", "{\"data\":[{\"Account_Name\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("code").asText()).isEqualTo("INVALID_DATA");
    }
}
