package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CRM search: criteria syntax with escaping, email/phone/word, 204, limits. */
class SandboxCrmSearchTest extends SandboxTestSupport {

    private Response search(String module, String param, String value) {
        return get(CRM + "/" + module + "/search?" + param + "=" + enc(value));
    }

    @Test
    void aNameWithParenthesesAndACommaIsFoundWhenEscaped() {
        admin.crmCreate("Accounts", Map.of("Account_Name", "Acme (India), Ltd"));
        admin.crmCreate("Accounts", Map.of("Account_Name", "Acme Global"));

        Response r = search("Accounts", "criteria", "(Account_Name:equals:Acme \\(India\\)\\, Ltd)");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("data").findValuesAsText("Account_Name")).containsExactly("Acme (India), Ltd");
        assertThat(r.json().at("/info/count").asInt()).isEqualTo(1);
    }

    @Test
    void equalsOnTextMatchesLikeContainsSoClientsMustFilterExactMatches() {
        admin.crmCreate("Accounts", Map.of("Account_Name", "Aztec"));
        admin.crmCreate("Accounts", Map.of("Account_Name", "Aztec Technologies"));

        JsonNode data = search("Accounts", "criteria", "(Account_Name:equals:Aztec)").json().get("data");

        assertThat(data.findValuesAsText("Account_Name")).containsExactlyInAnyOrder("Aztec", "Aztec Technologies");
    }

    @Test
    void conditionsJoinedByAndMustAllHold() {
        admin.crmCreate("Contacts", Map.of("First_Name", "Rita", "Last_Name", "Das", "Department", "Finance"));
        admin.crmCreate("Contacts", Map.of("First_Name", "Rita", "Last_Name", "Bose", "Department", "Sales"));

        JsonNode data = search("Contacts", "criteria", "((First_Name:equals:Rita)and(Department:equals:Sales))")
                .json().get("data");

        assertThat(data.findValuesAsText("Last_Name")).containsExactly("Bose");
    }

    @Test
    void aLookupIsSearchedByTheAccountsName() {
        admin.seedDemo();

        JsonNode data = search("Contacts", "criteria", "(Account_Name:equals:Aztec Technologies)").json().get("data");

        assertThat(data.findValuesAsText("Last_Name")).containsExactlyInAnyOrder("Mendes", "Alvarez", "Rao");
    }

    @Test
    void emailPhoneAndWordSearchesFindTheirRecords() {
        admin.seedDemo();

        assertThat(search("Contacts", "email", "NISHA.RAO@aztec.example").json().at("/data/0/Last_Name").asText())
                .isEqualTo("Rao");
        assertThat(search("Contacts", "phone", "98400 22222").json().at("/data/0/Last_Name").asText())
                .isEqualTo("Alvarez");
        assertThat(search("Vendors", "word", "crestline").json().at("/data/0/Vendor_Name").asText())
                .isEqualTo("Crestline Packaging");
        assertThat(search("Vendors", "word", "c").status()).isEqualTo(400);
    }

    @Test
    void nothingMatchingAnswers204() {
        admin.seedDemo();

        assertThat(search("Accounts", "criteria", "(Account_Name:equals:Nobody Inc)").status()).isEqualTo(204);
    }

    @Test
    void anUnknownOperatorIsAnInvalidQuery() {
        Response r = search("Accounts", "criteria", "(Account_Name:like:Aztec)");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("INVALID_QUERY");
        assertThat(r.json().at("/details/operator").asText()).isEqualTo("like");
    }

    @Test
    void aSearchWithoutCriteriaEmailPhoneOrWordIsRefused() {
        Response r = get(CRM + "/Accounts/search");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
    }

    @Test
    void searchResultsStopAt2000() {
        Response r = get(CRM + "/Accounts/search?criteria=" + enc("(Account_Name:starts_with:Gen)") + "&page=11&per_page=200");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("LIMIT_REACHED");
    }

    @Test
    void moreThanTenConditionsAreRefused() {
        StringBuilder criteria = new StringBuilder("(");
        for (int i = 0; i < 11; i++) {
            criteria.append(i == 0 ? "" : "or").append("(Account_Name:equals:N").append(i).append(")");
        }
        criteria.append(")");

        Response r = search("Accounts", "criteria", criteria.toString());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("LIMIT_EXCEEDED");
    }
}
