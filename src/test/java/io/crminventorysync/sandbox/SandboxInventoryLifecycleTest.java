package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inventory records over their life: deleted (404 code 1002 afterwards, persons gone too), marked
 * inactive and active (status on get and list, the Status filters, last_modified_time moving),
 * items with opening stock and adjustments, and custom fields.
 */
class SandboxInventoryLifecycleTest extends SandboxTestSupport {

    @Test
    void aDeletedContactAnswers404WithCode1002ToGetPutAndDeleteAndItsPersonsAreGone() {
        String id = admin.inventoryCreateContact(Map.of("contact_name", "Closing Cafe", "contact_persons",
                List.of(Map.of("first_name", "Ivy", "last_name", "Moss", "email", "ivy@closing.example"))));
        String person = inv("GET", "/contacts/" + id, null).json().at("/contact/contact_persons/0/contact_person_id").asText();

        Response deleted = inv("DELETE", "/contacts/" + id, null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("code").asInt()).isZero();
        assertThat(deleted.json().get("message").asText()).isEqualTo("The contact has been deleted.");
        for (Response r : List.of(inv("GET", "/contacts/" + id, null),
                inv("PUT", "/contacts/" + id, Map.of("website", "https://gone.example")),
                inv("DELETE", "/contacts/" + id, null),
                inv("POST", "/contacts/" + id + "/inactive", null))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.json().get("code").asInt()).isEqualTo(1002);
            assertThat(r.json().get("message").asText()).endsWith("does not exist.");
        }
        Response personRead = inv("GET", "/contacts/" + id + "/contactpersons/" + person, null);
        assertThat(personRead.status()).isEqualTo(404);
        Response personEdit = inv("PUT", "/contacts/contactpersons/" + person, Map.of("phone", "+91 1"));
        assertThat(personEdit.status()).isEqualTo(404);
        assertThat(personEdit.json().get("code").asInt()).isEqualTo(1002);
        assertThat(inv("GET", "/contacts?contact_name=Closing%20Cafe", null).json().get("contacts")).isEmpty();
    }

    @Test
    void markingAContactInactiveChangesItsStatusAndLastModifiedTimeAndTheStatusFilters() {
        String kept = admin.inventoryCreateContact(Map.of("contact_name", "Active Traders"));
        String id = admin.inventoryCreateContact(Map.of("contact_name", "Dormant Traders"));
        String before = (String) admin.inventoryContact(id).orElseThrow().get("last_modified_time");
        admin.advanceClock(Duration.ofMinutes(3));

        Response r = inv("POST", "/contacts/" + id + "/inactive", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("code").asInt()).isZero();
        assertThat(r.json().get("message").asText()).isEqualTo("The contact has been marked as inactive.");
        JsonNode contact = inv("GET", "/contacts/" + id, null).json().get("contact");
        assertThat(contact.get("status").asText()).isEqualTo("inactive");
        assertThat(contact.get("last_modified_time").asText()).matches(INVENTORY_TIME).isNotEqualTo(before);
        assertThat(names(inv("GET", "/contacts?filter_by=Status.Inactive", null), "contacts", "contact_name"))
                .containsExactly("Dormant Traders");
        assertThat(names(inv("GET", "/contacts?filter_by=Status.Active", null), "contacts", "contact_name"))
                .containsExactly("Active Traders");
        JsonNode all = inv("GET", "/contacts?filter_by=Status.All", null).json();
        assertThat(all.get("contacts")).hasSize(2);
        assertThat(all.at("/contacts/1/status").asText()).isEqualTo("inactive");
        assertThat(all.at("/page_context/applied_filter").asText()).isEqualTo("Status.All");

        Response back = inv("POST", "/contacts/" + id + "/active", null);
        assertThat(back.json().get("message").asText()).isEqualTo("The contact has been marked as active.");
        assertThat(admin.inventoryContact(id).orElseThrow().get("status")).isEqualTo("active");
        assertThat(kept).isNotEqualTo(id);
    }

    @Test
    void itemsAreDeletedAndMarkedInactiveAndActiveWithTheirFilters() {
        String sold = admin.inventoryCreateItem(Map.of("name", "Sold Out Mug", "sku", "MUG-1"));
        String gone = admin.inventoryCreateItem(Map.of("name", "Discontinued Jar", "sku", "JAR-1"));
        admin.inventoryCreateItem(Map.of("name", "Plain Cup"));
        String before = (String) admin.inventoryItem(sold).orElseThrow().get("last_modified_time");
        admin.advanceClock(Duration.ofMinutes(2));

        Response inactive = inv("POST", "/items/" + sold + "/inactive", null);
        assertThat(inactive.status()).isEqualTo(200);
        assertThat(inactive.json().get("message").asText()).isEqualTo("The item has been marked as inactive.");
        JsonNode item = inv("GET", "/items/" + sold, null).json().get("item");
        assertThat(item.get("status").asText()).isEqualTo("inactive");
        assertThat(item.get("last_modified_time").asText()).isNotEqualTo(before);
        assertThat(names(inv("GET", "/items?status=inactive", null), "items", "name")).containsExactly("Sold Out Mug");
        assertThat(names(inv("GET", "/items?filter_by=Status.Inactive", null), "items", "name")).containsExactly("Sold Out Mug");
        assertThat(names(inv("GET", "/items?filter_by=Status.Active", null), "items", "name"))
                .containsExactly("Discontinued Jar", "Plain Cup");
        assertThat(inv("POST", "/items/" + sold + "/active", null).json().get("message").asText())
                .isEqualTo("The item has been marked as active.");

        Response deleted = inv("DELETE", "/items/" + gone, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asText()).isEqualTo("The item has been deleted.");
        for (Response r : List.of(inv("GET", "/items/" + gone, null), inv("PUT", "/items/" + gone, Map.of("rate", 3)),
                inv("DELETE", "/items/" + gone, null), inv("POST", "/items/" + gone + "/active", null))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.json().get("code").asInt()).isEqualTo(1002);
            assertThat(r.json().get("message").asText()).isEqualTo("Item does not exist.");
        }
        assertThat(inv("POST", "/items", Map.of("name", "Jar Again", "sku", "JAR-1")).status())
                .as("a deleted item's SKU is free again").isEqualTo(201);
    }

    @Test
    void theAdminBeanDeletesAndInactivatesAsAUserWould() {
        String contact = admin.inventoryCreateContact(Map.of("contact_name", "UI Managed Ltd"));
        String item = admin.inventoryCreateItem(Map.of("name", "UI Managed Item"));

        admin.inventorySetContactActive(contact, false);
        admin.inventorySetItemActive(item, false);
        assertThat(inv("GET", "/contacts/" + contact, null).json().at("/contact/status").asText()).isEqualTo("inactive");
        assertThat(inv("GET", "/items/" + item, null).json().at("/item/status").asText()).isEqualTo("inactive");

        admin.inventoryDeleteContact(contact);
        admin.inventoryDeleteItem(item);
        assertThat(inv("GET", "/contacts/" + contact, null).status()).isEqualTo(404);
        assertThat(inv("GET", "/items/" + item, null).status()).isEqualTo(404);
        assertThatIllegalArgumentException().isThrownBy(() -> admin.inventoryDeleteItem(item))
                .withMessageContaining("1002");
    }

    @Test
    void theAdminApiDeletesInactivatesAndAdjusts() {
        String contact = admin.inventoryCreateContact(Map.of("contact_name", "Remote Ltd"));
        String item = admin.inventoryCreateItem(Map.of("name", "Remote Item", "initial_stock", 5));

        assertThat(admin("POST", "/inventory/contacts/" + contact + "/inactive", null).json().get("status").asText())
                .isEqualTo("inactive");
        assertThat(admin("POST", "/inventory/items/" + item + "/inactive", null).json().get("status").asText())
                .isEqualTo("inactive");
        assertThat(admin("POST", "/inventory/items/" + item + "/adjust?quantity=-2", null).json()
                .get("stock_on_hand").asInt()).isEqualTo(3);
        assertThat(admin("DELETE", "/inventory/contacts/" + contact, null).status()).isEqualTo(200);
        assertThat(admin("DELETE", "/inventory/items/" + item, null).status()).isEqualTo(200);
        assertThat(admin.inventoryContactCount()).isZero();
        assertThat(admin("DELETE", "/inventory/items/" + item, null).status()).isEqualTo(400);
    }

    @Test
    void openingStockAndItsRateAreTakenOnCreateForTrackedGoods() {
        Response r = inv("POST", "/items", Map.of("name", "Barcode Labels", "sku", "LBL-1", "rate", 4.5,
                "product_type", "goods", "item_type", "inventory", "initial_stock", 120, "initial_stock_rate", 2.75));

        assertThat(r.status()).isEqualTo(201);
        JsonNode item = r.json().get("item");
        assertThat(item.get("stock_on_hand").asInt()).isEqualTo(120);
        assertThat(item.get("available_stock").asInt()).isEqualTo(120);
        assertThat(item.get("actual_available_stock").asInt()).isEqualTo(120);
        assertThat(item.get("initial_stock").asInt()).isEqualTo(120);
        assertThat(item.get("initial_stock_rate").asDouble()).isEqualTo(2.75);

        Response badRate = inv("POST", "/items", Map.of("name", "Bad Rate", "initial_stock_rate", "cheap"));
        assertThat(badRate.status()).isEqualTo(400);
        assertThat(badRate.json().get("message").asText()).contains("initial_stock_rate");
    }

    @Test
    void anItemThatDoesNotTrackInventoryShowsNoStockAndCannotBeAdjusted() {
        JsonNode item = inv("POST", "/items", Map.of("name", "Gift Wrapping", "product_type", "goods",
                "item_type", "sales", "initial_stock", 10)).json().get("item");

        assertThat(item.has("stock_on_hand")).isFalse();
        assertThat(item.has("available_stock")).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> admin.inventoryAdjustStock(item.get("item_id").asText(), 5))
                .withMessageContaining("does not track inventory");
    }

    @Test
    void aStockAdjustmentMovesStockAndLastModifiedTime() {
        String id = admin.inventoryCreateItem(Map.of("name", "Packing Foam", "initial_stock", 40));
        String before = (String) admin.inventoryItem(id).orElseThrow().get("last_modified_time");
        admin.advanceClock(Duration.ofMinutes(10));
        String cursor = SandboxClock.inventoryTime(admin.now().toEpochMilli());
        admin.advanceClock(Duration.ofSeconds(5));

        admin.inventoryAdjustStock(id, -15);
        admin.inventoryAdjustStock(id, 2.5);

        JsonNode item = inv("GET", "/items/" + id, null).json().get("item");
        assertThat(item.get("stock_on_hand").asDouble()).isEqualTo(27.5);
        assertThat(item.get("available_stock").asDouble()).isEqualTo(27.5);
        assertThat(item.get("initial_stock").asInt()).as("the opening stock stays what it was").isEqualTo(40);
        assertThat(item.get("last_modified_time").asText()).isNotEqualTo(before);
        assertThat(names(inv("GET", "/items?last_modified_time=" + enc(cursor), null), "items", "name"))
                .containsExactly("Packing Foam");
    }

    @Test
    void declaredCustomFieldsAreHeldCheckedAndClearedOnContactsAndItems() {
        String carrier = admin.inventoryAddCustomField("contacts", "Preferred Carrier", "string");
        String counted = admin.inventoryAddCustomField("items", "cf_last_counted", "Last Counted", "date");
        assertThat(carrier).isEqualTo("cf_preferred_carrier");

        Response created = inv("POST", "/contacts", Map.of("contact_name", "Custom Co",
                "custom_fields", List.of(Map.of("api_name", carrier, "value", "BlueDart"))));
        assertThat(created.status()).isEqualTo(201);
        JsonNode field = created.json().at("/contact/custom_fields/0");
        assertThat(field.get("api_name").asText()).isEqualTo("cf_preferred_carrier");
        assertThat(field.get("label").asText()).isEqualTo("Preferred Carrier");
        assertThat(field.get("value").asText()).isEqualTo("BlueDart");
        assertThat(field.get("customfield_id").asText()).matches("\\d+");
        String contactId = created.json().at("/contact/contact_id").asText();

        Response byId = inv("PUT", "/contacts/" + contactId, Map.of("custom_fields",
                List.of(Map.of("customfield_id", field.get("customfield_id").asText(), "value", "DTDC"))));
        assertThat(byId.json().at("/contact/custom_fields/0/value").asText()).isEqualTo("DTDC");
        Response cleared = inv("PUT", "/contacts/" + contactId, Map.of("custom_fields",
                List.of(Map.of("api_name", carrier, "value", ""))));
        assertThat(cleared.json().at("/contact/custom_fields")).isEmpty();

        Response item = inv("POST", "/items", Map.of("name", "Counted Item",
                "custom_fields", List.of(Map.of("api_name", counted, "value", "2024-03-04"))));
        assertThat(item.json().at("/item/custom_fields/0/value").asText()).isEqualTo("2024-03-04");
        assertThat(inv("GET", "/items", null).json().at("/items/0/custom_fields/0/api_name").asText()).isEqualTo(counted);

        Response undeclared = inv("POST", "/contacts", Map.of("contact_name", "Undeclared Co",
                "custom_fields", List.of(Map.of("api_name", "cf_unknown", "value", "x"))));
        assertThat(undeclared.status()).isEqualTo(400);
        assertThat(undeclared.json().get("message").asText()).contains("custom_fields");
        Response wrongType = inv("PUT", "/items/" + item.json().at("/item/item_id").asText(), Map.of("custom_fields",
                List.of(Map.of("api_name", counted, "value", "04/03/2024"))));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("message").asText()).contains("Last Counted");
        assertThat(admin.inventoryContactByName("Undeclared Co")).isEmpty();
    }

    @Test
    void customFieldsAreDeclaredOverTheAdminApiAndBadDeclarationsAreRefused() {
        Response declared = admin("POST", "/inventory/items/fields", Map.of("label", "Shelf Life Days", "data_type", "number"));
        assertThat(declared.json().get("api_name").asText()).isEqualTo("cf_shelf_life_days");

        assertThat(admin("POST", "/inventory/items/fields", Map.of("label", "Shelf Life Days", "data_type", "number"))
                .status()).as("a second field with the same name").isEqualTo(400);
        assertThat(admin("POST", "/inventory/vendors/fields", Map.of("label", "X", "data_type", "string")).status())
                .isEqualTo(400);
        assertThatIllegalArgumentException().isThrownBy(() -> admin.inventoryAddCustomField("items", "Colour", "rainbow"));
        Response ok = inv("POST", "/items", Map.of("name", "Yogurt", "custom_fields",
                List.of(Map.of("api_name", "cf_shelf_life_days", "value", 21))));
        assertThat(ok.json().at("/item/custom_fields/0/value").asInt()).isEqualTo(21);
        Response fraction = inv("POST", "/items", Map.of("name", "Cheese", "custom_fields",
                List.of(Map.of("api_name", "cf_shelf_life_days", "value", 2.5))));
        assertThat(fraction.status()).isEqualTo(400);
    }

    private static List<String> names(Response r, String list, String field) {
        return r.json().get(list).findValuesAsText(field);
    }
}
