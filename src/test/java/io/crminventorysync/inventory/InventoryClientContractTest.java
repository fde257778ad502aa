package io.crminventorysync.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.http.ClientContractSupport;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.crminventorysync.http.ZohoMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryClientContractTest extends ClientContractSupport {

    @Test
    void aCustomerWithContactPersonsIsCreatedReadFoundAndUpdated() {
        Map<String, Object> created = inventory.createContact(Map.of(
                "contact_name", "Aztec Technologies",
                "company_name", "Aztec Technologies Pvt Ltd",
                "contact_type", "customer",
                "contact_persons", List.of(Map.of("first_name", "Asha", "last_name", "Rao",
                        "email", "asha@aztec.example", "is_primary_contact", true))));
        String id = (String) created.get("contact_id");
        assertThat(id).isNotBlank();

        Map<String, Object> read = inventory.getContact(id).orElseThrow();
        assertThat(read.get("contact_name")).isEqualTo("Aztec Technologies");
        assertThat((List<?>) read.get("contact_persons")).hasSize(1);

        assertThat(inventory.findContactByName("aztec technologies")).get()
                .satisfies(c -> assertThat(c.get("contact_id")).isEqualTo(id));
        assertThat(inventory.findContactByName("Aztec")).isEmpty();

        inventory.updateContact(id, Map.of("company_name", "Aztec Tech Ltd"));
        assertThat(sandbox.inventoryContact(id).orElseThrow().get("company_name")).isEqualTo("Aztec Tech Ltd");
        assertThat(InventoryClient.parseTime(read.get("last_modified_time")))
                .isBetween(sandbox.now().minusSeconds(60), sandbox.now().plusSeconds(1));
    }

    @Test
    void aDuplicateContactNameIsATypedDuplicate() {
        inventory.createContact(Map.of("contact_name", "Acme", "contact_type", "customer"));
        assertThatThrownBy(() -> inventory.createContact(Map.of("contact_name", "Acme", "contact_type", "customer")))
                .isInstanceOfSatisfying(ZohoApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.DUPLICATE);
                    assertThat(e.zohoCode()).isEqualTo("3062");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("POST /contacts", "Acme");
                });
    }

    @Test
    void aMissingRecordIsEmptyNotAnError() {
        assertThat(inventory.getContact("4815000000099999")).isEmpty();
        assertThat(inventory.getItem("4815000000099999")).isEmpty();
    }

    @Test
    void contactPersonsAreManagedOneByOne() {
        String contactId = sandbox.inventoryCreateContact(Map.of("contact_name", "Bolt Retail", "contact_type", "customer",
                "contact_persons", List.of(Map.of("first_name", "Ben", "is_primary_contact", true))));
        Map<String, Object> chloe = inventory.createContactPerson(contactId,
                Map.of("first_name", "Chloe", "last_name", "Ng", "email", "chloe@bolt.example"));
        String chloeId = (String) chloe.get("contact_person_id");
        assertThat(chloeId).isNotBlank();

        inventory.updateContactPerson(contactId, chloeId, Map.of("first_name", "Chloe", "phone", "+44 113 000"));
        inventory.markPrimaryContactPerson(chloeId);
        List<Map<String, Object>> persons = inventory.listContactPersons(contactId);
        assertThat(persons).hasSize(2);
        Map<String, Object> updated = persons.stream().filter(p -> chloeId.equals(p.get("contact_person_id")))
                .findFirst().orElseThrow();
        assertThat(updated.get("phone")).isEqualTo("+44 113 000");
        assertThat(updated.get("is_primary_contact")).isEqualTo(true);

        String benId = (String) persons.stream().filter(p -> !chloeId.equals(p.get("contact_person_id")))
                .findFirst().orElseThrow().get("contact_person_id");
        inventory.deleteContactPerson(benId);
        assertThat(inventory.listContactPersons(contactId)).extracting(p -> p.get("contact_person_id"))
                .containsExactly(chloeId);
    }

    @Test
    void contactsArePagedLazilyNewestFirstAndStopAtTheCursor() {
        sandbox.generate(0, 0, 0, 0, 450, 0);
        sandbox.advanceClock(Duration.ofMinutes(5));
        Instant cursor = sandbox.now();
        sandbox.advanceClock(Duration.ofMinutes(1));
        String vendorId = sandbox.inventoryCreateContact(Map.of("contact_name", "New Vendor", "contact_type", "vendor"));
        sandbox.advanceClock(Duration.ofMinutes(1));
        String customerId = sandbox.inventoryCreateContact(Map.of("contact_name", "New Customer",
                "contact_type", "customer"));

        Set<Object> all = new HashSet<>();
        Iterator<InventoryPage> pages = inventory.contactPages("customer", null);
        int pageCount = 0;
        while (pages.hasNext()) {
            InventoryPage page = pages.next();
            pageCount++;
            page.records().forEach(r -> all.add(r.get("contact_id")));
        }
        assertThat(all).hasSize(451).contains(customerId).doesNotContain(vendorId);
        assertThat(pageCount).isEqualTo(3);

        sandbox.resetStats();
        List<Object> changed = new ArrayList<>();
        inventory.contactPages(null, cursor).forEachRemaining(p -> p.records().forEach(r -> changed.add(r.get("contact_id"))));
        assertThat(changed).containsExactly(customerId, vendorId);
        assertThat(sandbox.count("inventory.read")).isEqualTo(1);
    }

    @Test
    void itemsAreCreatedFoundAndListedSinceAModification() {
        Map<String, Object> item = inventory.createItem(Map.of("name", "Steel Bolt M8", "sku", "SB-M8", "rate", 1.5,
                "item_type", "inventory", "product_type", "goods"));
        String itemId = (String) item.get("item_id");
        inventory.createItem(Map.of("name", "Steel Bolt M10", "sku", "SB-M10", "rate", 2));
        assertThat(inventory.getItem(itemId)).get().satisfies(i -> assertThat(i.get("sku")).isEqualTo("SB-M8"));
        assertThat(inventory.findItemByName("Steel Bolt M8")).get()
                .satisfies(i -> assertThat(i.get("item_id")).isEqualTo(itemId));
        assertThat(inventory.findItemBySku("SB-M10")).get()
                .satisfies(i -> assertThat(i.get("name")).isEqualTo("Steel Bolt M10"));
        assertThat(inventory.findItemBySku("SB-M")).isEmpty();

        sandbox.advanceClock(Duration.ofMinutes(2));
        Instant cursor = sandbox.now();
        sandbox.advanceClock(Duration.ofMinutes(1));
        inventory.updateItem(itemId, Map.of("rate", 1.75));
        List<Map<String, Object>> since = new ArrayList<>();
        inventory.itemPages(cursor, "last_modified_time", "D").forEachRemaining(p -> since.addAll(p.records()));
        assertThat(since).extracting(i -> i.get("item_id")).containsExactly(itemId);
        assertThat(((Number) since.get(0).get("rate")).doubleValue()).isEqualTo(1.75);
    }

    @Test
    void salesOrdersAndInvoicesOfACustomer() {
        String customer = sandbox.inventoryCreateContact(Map.of("contact_name", "Orders Inc", "contact_type", "customer"));
        String other = sandbox.inventoryCreateContact(Map.of("contact_name", "Other Inc", "contact_type", "customer"));
        sandbox.inventoryCreateSalesOrder(customer, Map.of("salesorder_number", "SO-1", "total", 100));
        sandbox.inventoryCreateSalesOrder(other, Map.of("salesorder_number", "SO-2", "total", 50));
        sandbox.inventoryCreateInvoice(customer, Map.of("invoice_number", "INV-1", "total", 100));
        assertThat(inventory.salesOrdersOfCustomer(customer)).extracting(s -> s.get("salesorder_number"))
                .containsExactly("SO-1");
        assertThat(inventory.invoicesOfCustomer(customer)).extracting(s -> s.get("invoice_number"))
                .containsExactly("INV-1");
        assertThat(inventory.invoicesOfCustomer(other)).isEmpty();
    }

    @Test
    void aTokenExpiringBetweenPagesCostsOneRefresh() {
        sandbox.generate(0, 0, 0, 0, 500, 0);
        tokens.accessToken();
        long refreshesBefore = sandbox.count("oauth.refresh");
        Iterator<InventoryPage> pages = inventory.contactPages(null, null);
        Set<Object> ids = new HashSet<>();
        pages.next().records().forEach(r -> ids.add(r.get("contact_id")));
        sandbox.expireTokens();
        pages.forEachRemaining(p -> p.records().forEach(r -> ids.add(r.get("contact_id"))));
        assertThat(ids).hasSize(500);
        assertThat(sandbox.count("oauth.refresh") - refreshesBefore).isEqualTo(1);
        assertThat(sandbox.count("inventory.401")).isEqualTo(1);
    }

    @Test
    void a429BurstSlowsUsDownButLosesNothing() {
        sandbox.generate(0, 0, 0, 0, 0, 420);
        tokens.accessToken();
        double before = counter(ZohoMetrics.RETRIES, "api", "inventory", "reason", "rate_limited");
        sandbox.knobs().setBurst429(5);
        Set<Object> ids = new HashSet<>();
        inventory.itemPages(null, "name", "A").forEachRemaining(p -> p.records().forEach(r -> ids.add(r.get("item_id"))));
        assertThat(ids).hasSize(420);
        assertThat(sandbox.count("inventory.429")).isEqualTo(5);
        assertThat(counter(ZohoMetrics.RETRIES, "api", "inventory", "reason", "rate_limited") - before).isEqualTo(5);
    }
}
