package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** CRM reads: the list's paging rules, If-Modified-Since, custom views, related lists, single records. */
class SandboxCrmListTest extends SandboxTestSupport {

    @Test
    void listingWithoutFieldsIsRefusedAsRequiredParamMissing() {
        Response r = get(CRM + "/Accounts");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
        assertThat(r.json().at("/details/param_name").asText()).isEqualTo("fields");
        assertThat(r.json().get("status").asText()).isEqualTo("error");
        assertThat(r.json().get("message").asText()).isNotBlank();
    }

    @Test
    void fiftyOneFieldsExceedTheLimitOfFifty() {
        String fields = IntStream.rangeClosed(1, 51).mapToObj(i -> "Field_" + i).collect(Collectors.joining(","));

        Response r = get(CRM + "/Accounts?fields=" + fields);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(r.json().at("/details/limit").asInt()).isEqualTo(50);
        assertThat(r.json().at("/details/param_name").asText()).isEqualTo("fields");
    }

    @Test
    void perPageAbove200IsRefused() {
        Response r = get(CRM + "/Accounts?fields=Account_Name&per_page=201");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/details/param_name").asText()).isEqualTo("per_page");
    }

    @Test
    void pageTogetherWithPageTokenIsAmbiguous() {
        Response r = get(CRM + "/Accounts?fields=Account_Name&page=2&page_token=abc");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("AMBIGUITY_DURING_PROCESSING");
    }

    @Test
    void aCustomViewCannotBeCombinedWithSortByAndAnUnknownViewIsInvalidData() {
        admin.seedDemo();

        Response ambiguous = get(CRM + "/Accounts?fields=Account_Name&cvid=" + SandboxDemoData.KEY_ACCOUNTS_VIEW
                + "&sort_by=Modified_Time");
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.json().get("code").asText()).isEqualTo("AMBIGUITY_DURING_PROCESSING");

        Response unknown = get(CRM + "/Accounts?fields=Account_Name&cvid=4150868000000000001");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(unknown.json().at("/details/param_name").asText()).isEqualTo("cvid");
    }

    @Test
    void anEmptyModuleAnswers204AndWithIfModifiedSince304() {
        Response empty = get(CRM + "/Vendors?fields=Vendor_Name");
        assertThat(empty.status()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();

        Response notModified = get(CRM + "/Vendors?fields=Vendor_Name", "If-Modified-Since", "2024-01-01T00:00:00+05:30");
        assertThat(notModified.status()).isEqualTo(304);
    }

    @Test
    void aListShowsZohosRecordAndInfoShapes() {
        admin.seedDemo();

        Response r = get(CRM + "/Contacts?fields=First_Name,Last_Name,Account_Name,Owner,Created_Time,Modified_Time&per_page=2");

        assertThat(r.status()).isEqualTo(200);
        JsonNode first = r.json().at("/data/0");
        assertThat(first.get("id").asText()).matches("\\d{18,19}");
        assertThat(first.get("Created_Time").asText()).matches(CRM_TIME);
        assertThat(first.get("Modified_Time").asText()).matches(CRM_TIME);
        assertThat(first.at("/Owner/name").asText()).isNotBlank();
        assertThat(first.at("/Owner/email").asText()).contains("@");
        JsonNode info = r.json().get("info");
        assertThat(info.get("per_page").asInt()).isEqualTo(2);
        assertThat(info.get("count").asInt()).isEqualTo(2);
        assertThat(info.get("page").asInt()).isEqualTo(1);
        assertThat(info.get("more_records").asBoolean()).isTrue();
        assertThat(info.get("next_page_token").asText()).isNotBlank();
        assertThat(info.get("sort_by").asText()).isEqualTo("id");
        assertThat(info.get("sort_order").asText()).isEqualTo("desc");
        assertThat(info.get("page_token_expiry").asText()).matches(CRM_TIME);
    }

    @Test
    void contactsShowTheirAccountAsANameAndIdLookup() {
        admin.seedDemo();

        JsonNode frankline = get(CRM + "/Contacts/" + SandboxDemoData.FRANKLINE).json().at("/data/0");

        assertThat(frankline.at("/Account_Name/name").asText()).isEqualTo("Aztec Technologies");
        assertThat(frankline.at("/Account_Name/id").asText()).isEqualTo(SandboxDemoData.AZTEC);
        assertThat(frankline.get("Full_Name").asText()).isEqualTo("Frankline Mendes");
        assertThat(frankline.at("/Created_By/id").asText()).isNotBlank();
    }

    @Test
    void anUnknownRecordIdAnswers204() {
        assertThat(get(CRM + "/Accounts/4150868000000999999").status()).isEqualTo(204);
    }

    @Test
    void anUnknownModuleIsInvalidModule() {
        Response r = get(CRM + "/Leeds?fields=Last_Name");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("INVALID_MODULE");
    }

    @Test
    void pagesBeyondRecord2000NeedAPageTokenAndTheTokenWalksEveryRecordOnce() {
        admin.generate(2_150, 0, 0, 0, 0, 0);

        Response tooFar = get(CRM + "/Accounts?fields=Account_Name&page=11&per_page=200");
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.json().get("code").asText()).isEqualTo("DISCRETE_PAGINATION_LIMIT_EXCEEDED");
        assertThat(tooFar.json().at("/details/limit").asInt()).isEqualTo(2000);

        Response page11Of100 = get(CRM + "/Accounts?fields=Account_Name&page=11&per_page=100");
        assertThat(page11Of100.json().get("code").asText()).isEqualTo("DISCRETE_PAGINATION_LIMIT_EXCEEDED");

        Set<String> seen = new HashSet<>();
        String query = CRM + "/Accounts?fields=Account_Name&per_page=200&sort_order=asc";
        Response page = get(query);
        int pages = 1;
        while (true) {
            assertThat(page.status()).isEqualTo(200);
            page.json().get("data").forEach(r -> assertThat(seen.add(r.get("id").asText())).isTrue());
            JsonNode info = page.json().get("info");
            if (!info.get("more_records").asBoolean()) {
                break;
            }
            page = get(query + "&page_token=" + info.get("next_page_token").asText());
            pages++;
        }
        assertThat(seen).hasSize(2_150);
        assertThat(pages).isEqualTo(11);
    }

    @Test
    void aPageTokenIsBoundToTheQueryItWasIssuedFor() {
        admin.generate(5, 0, 0, 0, 0, 0);
        String token = get(CRM + "/Accounts?fields=Account_Name&per_page=2").json().at("/info/next_page_token").asText();

        Response otherFields = get(CRM + "/Accounts?fields=Account_Name,Phone&per_page=2&page_token=" + token);
        assertThat(otherFields.status()).isEqualTo(400);
        assertThat(otherFields.json().get("code").asText()).isEqualTo("TOKEN_BOUND_DATA_MISMATCH");

        Response sameQuery = get(CRM + "/Accounts?fields=Account_Name&per_page=2&page_token=" + token);
        assertThat(sameQuery.status()).isEqualTo(200);
        assertThat(sameQuery.json().at("/info/page").asInt()).isEqualTo(2);
    }

    @Test
    void aPageTokenExpiresAfter24Hours() {
        admin.generate(5, 0, 0, 0, 0, 0);
        String token = get(CRM + "/Accounts?fields=Account_Name&per_page=2").json().at("/info/next_page_token").asText();
        admin.advanceClock(Duration.ofHours(25));
        this.token = admin.issueAccessToken();

        Response r = get(CRM + "/Accounts?fields=Account_Name&per_page=2&page_token=" + token);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("EXPIRED_VALUE");
    }

    @Test
    void ifModifiedSinceReturnsOnlyRecordsEditedAfterItAnd304WhenNothingIsNewer() {
        Instant longAgo = Instant.parse("2024-03-01T08:00:00Z");
        String untouched = admin.crmCreate("Accounts", Map.of("Account_Name", "Quiet Account"), longAgo, longAgo);
        String edited = admin.crmCreate("Accounts", Map.of("Account_Name", "Busy Account"), longAgo, longAgo);
        String cursor = "2024-06-01T10:00:00+05:30";
        admin.crmEdit("Accounts", edited, Map.of("Phone", "+91 22 5555 0101"));

        Response changed = get(CRM + "/Accounts?fields=Account_Name,Modified_Time", "If-Modified-Since", cursor);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("data")).hasSize(1);
        assertThat(changed.json().at("/data/0/id").asText()).isEqualTo(edited).isNotEqualTo(untouched);

        String lastSeen = changed.json().at("/data/0/Modified_Time").asText();
        Response quiet = get(CRM + "/Accounts?fields=Account_Name", "If-Modified-Since", lastSeen);
        assertThat(quiet.status()).isEqualTo(304);
    }

    @Test
    void sortByModifiedTimeAscendingPutsTheLatestEditLast() {
        String first = admin.crmCreate("Vendors", Map.of("Vendor_Name", "Early Vendor"));
        String second = admin.crmCreate("Vendors", Map.of("Vendor_Name", "Later Vendor"));
        admin.advanceClock(Duration.ofMinutes(1));
        admin.crmEdit("Vendors", first, Map.of("City", "Kochi"));

        JsonNode data = get(CRM + "/Vendors?fields=Vendor_Name&sort_by=Modified_Time&sort_order=asc").json().get("data");

        assertThat(List.of(data.get(0).get("id").asText(), data.get(1).get("id").asText())).containsExactly(second, first);
    }

    @Test
    void theKeyAccountsViewHoldsOnlyAccountsWithAMillionInRevenue() {
        admin.seedDemo();

        JsonNode data = get(CRM + "/Accounts?fields=Account_Name&cvid=" + SandboxDemoData.KEY_ACCOUNTS_VIEW).json().get("data");

        Set<String> names = new HashSet<>();
        data.forEach(r -> names.add(r.get("Account_Name").asText()));
        assertThat(names).containsExactlyInAnyOrder("Aztec Technologies", "Zylker Traders");
    }

    @Test
    void customViewsAreListedPerModuleWithTheDefaultInInfo() {
        admin.seedDemo();

        Response views = get(CRM + "/settings/custom_views?module=Accounts");
        assertThat(views.status()).isEqualTo(200);
        List<String> names = views.json().get("custom_views").findValuesAsText("name");
        assertThat(names).contains("All Accounts", "Key accounts");
        assertThat(views.json().at("/info/default").asText()).isNotBlank();

        Response one = get(CRM + "/settings/custom_views/" + SandboxDemoData.KEY_ACCOUNTS_VIEW + "?module=Accounts");
        assertThat(one.json().at("/custom_views/0/name").asText()).isEqualTo("Key accounts");

        Response noModule = get(CRM + "/settings/custom_views");
        assertThat(noModule.status()).isEqualTo(400);
        assertThat(noModule.json().at("/details/param_name").asText()).isEqualTo("module");
    }

    @Test
    void theAccountsContactsRelatedListNeedsFieldsAndShowsTheThreeAztecContacts() {
        admin.seedDemo();

        Response withoutFields = get(CRM + "/Accounts/" + SandboxDemoData.AZTEC + "/Contacts");
        assertThat(withoutFields.json().get("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");

        JsonNode data = get(CRM + "/Accounts/" + SandboxDemoData.AZTEC + "/Contacts?fields=First_Name,Last_Name")
                .json().get("data");
        assertThat(data.findValuesAsText("First_Name")).containsExactlyInAnyOrder("Frankline", "Jose", "Nisha");
    }

    @Test
    void theOrphanContactHasNoAccount() {
        admin.seedDemo();

        JsonNode oliver = get(CRM + "/Contacts/" + SandboxDemoData.OLIVER_NO_ACCOUNT).json().at("/data/0");

        assertThat(oliver.get("Account_Name").isNull()).isTrue();
        assertThat(oliver.get("Last_Name").asText()).isEqualTo("Grant");
    }
}
