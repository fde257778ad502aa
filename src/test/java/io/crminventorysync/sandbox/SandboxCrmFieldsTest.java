package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CRM field metadata (GET /settings/fields) and custom fields added by an administrator. */
class SandboxCrmFieldsTest extends SandboxTestSupport {

    @Test
    void eachModuleListsItsStandardFieldsWithTypesMandatoryAndLookups() {
        for (String module : List.of("Accounts", "Contacts", "Vendors", "Products")) {
            Response r = get(CRM + "/settings/fields?module=" + module);
            assertThat(r.status()).as(module).isEqualTo(200);
            assertThat(r.json().get("fields").findValuesAsText("api_name")).as(module)
                    .contains("Owner", "Created_Time", "Modified_Time")
                    .contains(CrmModule.ALL.get(module).fields.keySet().toArray(String[]::new));
        }

        JsonNode accountName = field("Accounts", "Account_Name");
        assertThat(accountName.get("field_label").asText()).isEqualTo("Account Name");
        assertThat(accountName.get("data_type").asText()).isEqualTo("text");
        assertThat(accountName.get("json_type").asText()).isEqualTo("string");
        assertThat(accountName.get("length").asInt()).isEqualTo(255);
        assertThat(accountName.get("custom_field").asBoolean()).isFalse();
        assertThat(accountName.get("read_only").asBoolean()).isFalse();
        assertThat(accountName.get("system_mandatory").asBoolean()).isTrue();
        assertThat(accountName.get("id").asText()).matches("\\d{19}");

        JsonNode lookup = field("Contacts", "Account_Name");
        assertThat(lookup.get("data_type").asText()).isEqualTo("lookup");
        assertThat(lookup.get("json_type").asText()).isEqualTo("jsonobject");
        assertThat(lookup.at("/lookup/module/api_name").asText()).isEqualTo("Accounts");
        assertThat(field("Contacts", "Full_Name").get("read_only").asBoolean()).isTrue();
        assertThat(field("Products", "Unit_Price").get("data_type").asText()).isEqualTo("currency");
        assertThat(field("Products", "Product_Active").get("json_type").asText()).isEqualTo("boolean");
        assertThat(field("Vendors", "Email").get("data_type").asText()).isEqualTo("email");
        assertThat(field("Accounts", "Website").get("lookup").isEmpty()).isTrue();

        String id = accountName.get("id").asText();
        JsonNode one = get(CRM + "/settings/fields/" + id + "?module=Accounts").json().get("fields");
        assertThat(one).hasSize(1);
        assertThat(one.at("/0/api_name").asText()).isEqualTo("Account_Name");
    }

    @Test
    void aMissingOrUnknownModuleIsRefusedAsZohoDoes() {
        Response missing = get(CRM + "/settings/fields");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
        assertThat(missing.json().at("/details/param_name").asText()).isEqualTo("module");

        Response unknown = get(CRM + "/settings/fields?module=Leeds");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("INVALID_MODULE");
        assertThat(get(CRM + "/settings/fields/4150868000000999999?module=Accounts").json().get("code").asText())
                .isEqualTo("INVALID_DATA");
    }

    @Test
    void aCustomFieldIsListedAndRecordsHoldItWithItsTypeChecked() {
        String apiName = admin.crmAddCustomField("Products", "Purchase Rate", "currency");
        assertThat(apiName).isEqualTo("Purchase_Rate");

        JsonNode custom = field("Products", "Purchase_Rate");
        assertThat(custom.get("custom_field").asBoolean()).isTrue();
        assertThat(custom.get("field_label").asText()).isEqualTo("Purchase Rate");
        assertThat(custom.get("data_type").asText()).isEqualTo("currency");
        assertThat(custom.get("json_type").asText()).isEqualTo("double");

        Response ok = call("POST", CRM + "/Products", Map.of("data", List.of(
                Map.of("Product_Name", "Rated Widget", "Purchase_Rate", 12.5),
                Map.of("Product_Name", "Badly Rated Widget", "Purchase_Rate", "cheap"))));
        assertThat(ok.status()).isEqualTo(207);
        assertThat(ok.json().at("/data/1/code").asText()).isEqualTo("INVALID_DATA");
        assertThat(ok.json().at("/data/1/details/api_name").asText()).isEqualTo("Purchase_Rate");
        assertThat(ok.json().at("/data/1/details/expected_data_type").asText()).isEqualTo("double");
        String id = ok.json().at("/data/0/details/id").asText();
        assertThat(get(CRM + "/Products/" + id).json().at("/data/0/Purchase_Rate").asDouble()).isEqualTo(12.5);
        assertThat(get(CRM + "/Products?fields=Product_Name,Purchase_Rate").json().at("/data/0/Purchase_Rate").asDouble())
                .isEqualTo(12.5);
        String other = admin.crmCreate("Products", Map.of("Product_Name", "Unrated Widget"));
        assertThat(get(CRM + "/Products/" + other).json().at("/data/0").has("Purchase_Rate"))
                .as("a single record shows every field, null when empty").isTrue();
    }

    @Test
    void aCustomFieldMayBeGivenItsApiNameAndClashesAndBadTypesAreRefused() {
        assertThat(admin.crmAddCustomField("Accounts", "Credit_Limit__c", "Credit Limit", "integer"))
                .isEqualTo("Credit_Limit__c");
        assertThat(admin("POST", "/crm/Contacts/fields", Map.of("field_label", "Loyalty Tier", "data_type", "text"))
                .json().get("api_name").asText()).isEqualTo("Loyalty_Tier");
        assertThat(field("Contacts", "Loyalty_Tier").get("custom_field").asBoolean()).isTrue();

        assertThatIllegalArgumentException().isThrownBy(() -> admin.crmAddCustomField("Accounts", "Phone", "text"));
        assertThatIllegalArgumentException().isThrownBy(() -> admin.crmAddCustomField("Accounts", "Colour", "rainbow"));
        assertThatIllegalArgumentException().isThrownBy(() -> admin.crmAddCustomField("Leads", "Colour", "text"));
        assertThat(admin("POST", "/crm/Accounts/fields", Map.of("field_label", "Credit Limit", "api_name",
                "Credit_Limit__c", "data_type", "integer")).status()).isEqualTo(400);

        admin.reset();
        token = admin.issueAccessToken();
        assertThat(get(CRM + "/settings/fields?module=Accounts").json().get("fields").findValuesAsText("api_name"))
                .as("a reset forgets custom fields").doesNotContain("Credit_Limit__c");
    }

    private JsonNode field(String module, String apiName) {
        for (JsonNode f : get(CRM + "/settings/fields?module=" + module).json().get("fields")) {
            if (f.get("api_name").asText().equals(apiName)) {
                return f;
            }
        }
        throw new AssertionError(module + " has no field " + apiName);
    }
}
