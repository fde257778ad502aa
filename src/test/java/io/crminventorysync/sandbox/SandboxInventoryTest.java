package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inventory: envelopes, organization_id, contacts with persons, items, transactions, the per-minute limit. */
class SandboxInventoryTest extends SandboxTestSupport {

    private static Map<String, Object> person(String first, String last, String email) {
        return Map.of("first_name", first, "last_name", last, "email", email);
    }

    @Test
    void everyCallNeedsTheOrganizationId() {
        Response missing = call("GET", INV + "/contacts", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asInt()).isNotZero();
        assertThat(missing.json().get("message").asText()).contains("organization_id");
        assertThat(missing.json().has("status")).isFalse();

        Response foreign = call("GET", INV + "/contacts?organization_id=123", null);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("code").asInt()).isEqualTo(6041);
    }

    @Test
    void aCustomerWithTwoUnmarkedPersonsMakesTheFirstPrimaryAndFlattensItOnTheList() {
        Response created = inv("POST", "/contacts", Map.of(
                "contact_name", "Harbor Cafe",
                "contact_type", "customer",
                "customer_sub_type", "business",
                "contact_persons", List.of(person("Lena", "Ortiz", "lena@harbor.example"),
                        person("Sam", "Ortiz", "sam@harbor.example"))));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("code").asInt()).isZero();
        JsonNode contact = created.json().get("contact");
        assertThat(contact.get("contact_id").asText()).matches("\\d{15,}");
        assertThat(contact.get("is_linked_with_zohocrm").asBoolean()).isFalse();
        assertThat(contact.get("created_time").asText()).matches(INVENTORY_TIME);
        JsonNode persons = contact.get("contact_persons");
        assertThat(persons.at("/0/is_primary_contact").asBoolean()).isTrue();
        assertThat(persons.at("/1/is_primary_contact").asBoolean()).isFalse();
        assertThat(contact.get("primary_contact_id").asText()).isEqualTo(persons.at("/0/contact_person_id").asText());

        JsonNode listed = inv("GET", "/contacts?contact_name=harbor%20cafe", null).json().at("/contacts/0");
        assertThat(listed.get("first_name").asText()).isEqualTo("Lena");
        assertThat(listed.get("email").asText()).isEqualTo("lena@harbor.example");
        assertThat(listed.get("last_modified_time").asText()).matches(INVENTORY_TIME);
    }

    @Test
    void aSecondCustomerWithTheSameNameInAnyCaseIsRefusedWith3062() {
        inv("POST", "/contacts", Map.of("contact_name", "Zylker Traders"));

        Response r = inv("POST", "/contacts", Map.of("contact_name", "ZYLKER TRADERS"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asInt()).isEqualTo(3062);
        assertThat(r.json().get("message").asText())
                .isEqualTo("The customer \"ZYLKER TRADERS\" already exists. Please specify a different name.");
    }

    @Test
    void aMissingOrTooLongContactNameIsRefused() {
        Response missing = inv("POST", "/contacts", Map.of("company_name", "No Display Name Ltd"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("message").asText()).contains("contact_name");

        Response tooLong = inv("POST", "/contacts", Map.of("contact_name", "n".repeat(201)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("message").asText()).contains("contact_name");
        assertThat(admin.inventoryContactCount()).isZero();
    }

    @Test
    void aContactPersonWithABadEmailIsRefusedNamingTheField() {
        Response r = inv("POST", "/contacts", Map.of("contact_name", "Typo Traders",
                "contact_persons", List.of(person("Ian", "Typo", "ian@@typo"))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asInt()).isEqualTo(4);
        assertThat(r.json().get("message").asText()).contains("email");
    }

    @Test
    void brokenJsonIsNotWellFormed() {
        Response r = inv("POST", "/contacts", "{\"contact_name\":");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asInt()).isEqualTo(1038);
    }

    @Test
    void updatingContactPersonsReplacesTheSet() {
        String id = admin.inventoryCreateContact(Map.of("contact_name", "Maple Bakery", "contact_persons", List.of(
                person("Ann", "Lee", "ann@maple.example"), person("Bob", "Lee", "bob@maple.example"))));
        JsonNode persons = inv("GET", "/contacts/" + id, null).json().at("/contact/contact_persons");
        String annId = persons.at("/0/contact_person_id").asText();

        Response r = inv("PUT", "/contacts/" + id, Map.of("contact_persons", List.of(
                Map.of("contact_person_id", annId, "first_name", "Anne", "email", "anne@maple.example"),
                Map.of("first_name", "Cleo", "last_name", "Lee", "is_primary_contact", true))));

        assertThat(r.status()).isEqualTo(200);
        JsonNode after = r.json().at("/contact/contact_persons");
        assertThat(after.findValuesAsText("first_name")).containsExactly("Anne", "Cleo");
        assertThat(after.at("/0/contact_person_id").asText()).isEqualTo(annId);
        assertThat(after.at("/1/is_primary_contact").asBoolean()).isTrue();
        assertThat(after.at("/0/is_primary_contact").asBoolean()).isFalse();
    }

    @Test
    void contactPersonsHaveTheirOwnEndpoints() {
        String id = admin.inventoryCreateContact(Map.of("contact_name", "Riverside Clinic"));

        Response noFirstName = inv("POST", "/contacts/contactpersons", Map.of("contact_id", id, "last_name", "Only"));
        assertThat(noFirstName.status()).isEqualTo(400);

        Response created = inv("POST", "/contacts/contactpersons", Map.of("contact_id", id, "first_name", "Dr", "last_name", "Mehta"));
        assertThat(created.status()).isEqualTo(201);
        String first = created.json().at("/contact_person/contact_person_id").asText();
        String second = inv("POST", "/contacts/contactpersons", Map.of("contact_id", id, "first_name", "Nurse"))
                .json().at("/contact_person/contact_person_id").asText();

        assertThat(inv("POST", "/contacts/contactpersons/" + second + "/primary", null).status()).isEqualTo(200);
        assertThat(inv("GET", "/contacts/" + id, null).json().at("/contact/primary_contact_id").asText()).isEqualTo(second);

        assertThat(inv("PUT", "/contacts/contactpersons/" + first, Map.of("phone", "+91 80 1111 2222")).status()).isEqualTo(200);
        assertThat(inv("GET", "/contacts/" + id + "/contactpersons/" + first, null).json().at("/contact_person/phone").asText())
                .isEqualTo("+91 80 1111 2222");
        assertThat(inv("DELETE", "/contacts/contactpersons/" + first, null).status()).isEqualTo(200);
        JsonNode listed = inv("GET", "/contacts/" + id + "/contactpersons", null).json();
        assertThat(listed.get("contact_persons")).hasSize(1);
        assertThat(listed.at("/page_context/has_more_page").asBoolean()).isFalse();
    }

    @Test
    void anUnknownIdIs404WithCode1002() {
        Response r = inv("GET", "/contacts/460000000099999", null);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asInt()).isEqualTo(1002);
        assertThat(inv("DELETE", "/items/460000000099999", null).json().get("code").asInt()).isEqualTo(1002);
    }

    @Test
    void theContactListFiltersSortsAndPagesLikeZoho() {
        for (String name : List.of("Alpha Stores", "Alpine Goods", "Beta Mart")) {
            admin.inventoryCreateContact(Map.of("contact_name", name));
            admin.advanceClock(Duration.ofSeconds(2));
        }

        JsonNode startsWith = inv("GET", "/contacts?contact_name_startswith=alp&per_page=1&unknown_param=x", null).json();
        assertThat(startsWith.at("/contacts/0/contact_name").asText()).isEqualTo("Alpha Stores");
        JsonNode context = startsWith.get("page_context");
        assertThat(context.get("page").asInt()).isEqualTo(1);
        assertThat(context.get("per_page").asInt()).isEqualTo(1);
        assertThat(context.get("has_more_page").asBoolean()).isTrue();
        assertThat(context.get("report_name").asText()).isEqualTo("Contacts");
        assertThat(context.get("applied_filter").asText()).isEqualTo("Status.All");

        JsonNode newestFirst = inv("GET", "/contacts?sort_column=last_modified_time&sort_order=D", null).json();
        assertThat(newestFirst.at("/contacts/0/contact_name").asText()).isEqualTo("Beta Mart");
        assertThat(newestFirst.at("/page_context/per_page").asInt()).isEqualTo(200);

        assertThat(inv("GET", "/contacts?search_text=mart", null).json().get("contacts")).hasSize(1);
        assertThat(inv("GET", "/contacts?filter_by=Status.Bogus", null).json().get("code").asInt()).isEqualTo(2);
    }

    @Test
    void itemsKeepSkusUniqueAndFilterByLastModifiedTimeInEitherOffsetForm() {
        admin.inventoryCreateItem(Map.of("name", "Old Stock Item", "sku", "OLD-1", "rate", 10));
        admin.advanceClock(Duration.ofMinutes(20));
        String cursor = SandboxClock.inventoryTime(admin.now().toEpochMilli());
        admin.advanceClock(Duration.ofMinutes(1));

        Response created = inv("POST", "/items", Map.of("name", "Fresh Item", "sku", "NEW-1", "rate", 12.5,
                "purchase_rate", 7, "initial_stock", 30, "product_type", "goods", "unit", "pcs"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/item/stock_on_hand").asInt()).isEqualTo(30);
        assertThat(created.json().at("/item/last_modified_time").asText()).matches(INVENTORY_TIME);

        Response duplicateSku = inv("POST", "/items", Map.of("name", "Copy", "sku", "new-1"));
        assertThat(duplicateSku.status()).isEqualTo(400);
        assertThat(duplicateSku.json().get("code").asInt()).isNotZero();

        JsonNode noColon = inv("GET", "/items?last_modified_time=" + enc(cursor), null).json().get("items");
        assertThat(noColon.findValuesAsText("name")).containsExactly("Fresh Item");
        String withColon = cursor.substring(0, cursor.length() - 2) + ":" + cursor.substring(cursor.length() - 2);
        JsonNode colon = inv("GET", "/items?last_modified_time=" + enc(withColon), null).json().get("items");
        assertThat(colon.findValuesAsText("name")).containsExactly("Fresh Item");
    }

    @Test
    void bulkDeleteOfItemsIsAllOrNothing() {
        String kept = admin.inventoryCreateItem(Map.of("name", "Kept Item"));
        String gone = admin.inventoryCreateItem(Map.of("name", "Gone Item"));

        Response unknown = inv("DELETE", "/items?item_ids=" + gone + ",460000000099999", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(admin.inventoryItemCount()).isEqualTo(2);

        assertThat(inv("DELETE", "/items?item_ids=" + gone, null).status()).isEqualTo(200);
        assertThat(admin.inventoryItems().stream().map(i -> i.get("item_id"))).containsExactly(kept);
    }

    @Test
    void aServiceItemCarriesNoStock() {
        JsonNode item = inv("POST", "/items", Map.of("name", "Setup Visit", "product_type", "service", "rate", 80))
                .json().get("item");

        assertThat(item.has("stock_on_hand")).isFalse();
        assertThat(item.get("product_type").asText()).isEqualTo("service");
    }

    @Test
    void salesOrdersAndInvoicesAreListedPerCustomer() {
        admin.seedDemo();

        JsonNode orders = inv("GET", "/salesorders?customer_id=" + SandboxDemoData.INV_ZYLKER, null).json();
        assertThat(orders.get("salesorders").findValuesAsText("salesorder_number")).containsExactlyInAnyOrder("SO-00001", "SO-00002");
        JsonNode invoices = inv("GET", "/invoices?customer_id=" + SandboxDemoData.INV_ZYLKER, null).json();
        assertThat(invoices.get("invoices").findValuesAsText("customer_name")).containsOnly("Zylker Traders");
        assertThat(inv("GET", "/invoices?customer_id=460000000000001", null).json().get("invoices")).isEmpty();
    }

    @Test
    void overTheOrganizationsPerMinuteBudgetCallsGet429UntilTheWindowMoves() {
        admin.knobs().setInventoryRequestsPerMinute(5);
        for (int i = 0; i < 5; i++) {
            assertThat(inv("GET", "/items", null).status()).isEqualTo(200);
        }

        Response limited = inv("GET", "/items", null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asInt()).isNotZero();
        assertThat(limited.json().get("message").asText()).isNotBlank();
        assertThat(admin.count("inventory.429")).isEqualTo(1);

        admin.advanceClock(Duration.ofSeconds(61));
        assertThat(inv("GET", "/items", null).status()).isEqualTo(200);
    }

    @Test
    void aJsonStringFormParameterIsReadLikeARawBody() {
        Response r = raw("POST", INV + "/contacts?organization_id=" + ORG,
                "JSONString=" + enc("{\"contact_name\":\"Form Posted Ltd\"}"),
                "Authorization", "Zoho-oauthtoken " + token, "Content-Type", "application/x-www-form-urlencoded");

        assertThat(r.status()).isEqualTo(201);
        assertThat(admin.inventoryContactByName("form posted ltd")).isPresent();
    }
}
