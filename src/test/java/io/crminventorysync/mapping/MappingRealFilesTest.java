package io.crminventorysync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.mapping.MappingTestFiles.Bindings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped mappings/ files: they load, and they map the demo's records the way the product describes. */
class MappingRealFilesTest {

    private static MappingRegistry registry;

    @BeforeAll
    static void load() {
        registry = new MappingRegistry(MappingTestFiles.REAL_DIR);
    }

    private final Bindings bindings = new Bindings()
            .bind("vendors", "4150868000000376008", "2000000012345");

    @Test
    void everyModuleHasTheRecordsTheSyncNeeds() {
        assertThat(registry.module("accounts").file()).isEqualTo(MappingTestFiles.REAL_DIR.resolve("accounts.xml"));
        RecordMapping account = registry.module("accounts").record("account");
        assertThat(account.crmModule()).isEqualTo("Accounts");
        assertThat(account.crmKeyField()).isEqualTo("Account_Name");
        assertThat(account.inventoryKeyField()).isEqualTo("contact_name");
        assertThat(account.crmSecondaryKeyField()).isEmpty();
        assertThat(registry.module("accounts").record("person").crmModule()).isEqualTo("Contacts");
        assertThat(registry.module("accounts").record("person").crmParentField()).contains("Account_Name");
        assertThat(registry.module("accounts").record("individual").crmModule()).isEqualTo("Contacts");
        assertThat(registry.module("vendors").record("vendor").crmKeyField()).isEqualTo("Vendor_Name");
        RecordMapping product = registry.module("products").record("product");
        assertThat(product.crmSecondaryKeyField()).contains("Product_Code");
        assertThat(product.inventorySecondaryKeyField()).contains("sku");
        assertThatThrownBy(() -> registry.module("leads")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.module("vendors").record("supplier"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[vendor]");
    }

    @Test
    void aztecTechnologiesBecomesABusinessCustomerWithItsBillingAddress() {
        Map<String, Object> aztec = new HashMap<>(Map.of(
                "id", "4150868000000224005",
                "Account_Name", " Aztec Technologies ",
                "Billing_City", "Austin",
                "Billing_Country", "USA",
                "Website", "https://aztec.example"));
        aztec.put("Phone", null);
        Map<String, Object> contact = registry.module("accounts").record("account").toInventory(aztec, bindings, true);
        assertThat(contact)
                .containsEntry("contact_name", "Aztec Technologies")
                .containsEntry("contact_type", "customer")
                .containsEntry("customer_sub_type", "business")
                .containsEntry("website", "https://aztec.example");
        assertThat(contact.get("billing_address")).isEqualTo(mapOf("phone", null, "city", "Austin", "country", "USA"));

        Map<String, Object> update = registry.module("accounts").record("account").toInventory(aztec, bindings, false);
        assertThat(update).doesNotContainKeys("contact_type", "customer_sub_type");
    }

    @Test
    void frankline_aContactOfAztec_becomesAContactPersonAndPushesBack() {
        RecordMapping person = registry.module("accounts").record("person");
        Map<String, Object> frankline = Map.of("First_Name", "Frankline", "Last_Name", "Ross",
                "Email", "frankline@aztec.example", "Title", "Buyer",
                "Account_Name", Map.of("id", "4150868000000224005", "name", "Aztec Technologies"));
        Map<String, Object> inventoryPerson = person.toInventory(frankline, bindings, true);
        assertThat(inventoryPerson).isEqualTo(Map.of("first_name", "Frankline", "last_name", "Ross",
                "email", "frankline@aztec.example", "designation", "Buyer"));
        assertThat(person.toCrm(inventoryPerson, bindings, false)).isEqualTo(Map.of("First_Name", "Frankline",
                "Last_Name", "Ross", "Email", "frankline@aztec.example", "Title", "Buyer"));
    }

    @Test
    void aContactPersonWithAnOverlongTitleAndPhoneInInventoryFitsCrmsFields() {
        RecordMapping person = registry.module("accounts").record("person");
        Map<String, Object> crm = person.toCrm(Map.of("first_name", "Ann", "last_name", "Long",
                "designation", "Head of ".repeat(50), "mobile", "+91 98765 43210 ext. 1234567890 (ask for Ann)"),
                bindings, false);
        assertThat((String) crm.get("Title")).hasSize(255).startsWith("Head of Head of");
        assertThat((String) crm.get("Mobile")).hasSize(30);
    }

    @Test
    void orphanContactNishaBecomesAnIndividualCustomerWithOneContactPerson() {
        RecordMapping individual = registry.module("accounts").record("individual");
        Map<String, Object> nisha = Map.of("First_Name", "Nisha", "Last_Name", "Patel", "Email", "nisha@example.org",
                "Mailing_City", "Pune");
        Map<String, Object> customer = individual.toInventory(nisha, bindings, true);
        assertThat(customer)
                .containsEntry("contact_name", "Nisha Patel")
                .containsEntry("customer_sub_type", "individual")
                .containsEntry("contact_persons",
                        List.of(Map.of("first_name", "Nisha", "last_name", "Patel", "email", "nisha@example.org")))
                .containsEntry("billing_address", Map.of("city", "Pune"));
        assertThat(individual.toCrm(customer, bindings, false))
                .containsEntry("First_Name", "Nisha").containsEntry("Last_Name", "Patel")
                .containsEntry("Mailing_City", "Pune").doesNotContainKey("Full_Name");
    }

    @Test
    void aServiceProductOfABoundVendorBecomesAServiceItem() {
        RecordMapping product = registry.module("products").record("product");
        Map<String, Object> consulting = Map.of("Product_Name", "Installation", "Product_Code", "SRV-INST",
                "Unit_Price", 150.0, "Product_Category", "Services", "Usage_Unit", "Hour",
                "Vendor_Name", Map.of("id", "4150868000000376008", "name", "Aztec Supplies"),
                "Qty_in_Stock", 3);
        Map<String, Object> item = product.toInventory(consulting, bindings, true);
        assertThat(item).isEqualTo(Map.of("name", "Installation", "sku", "SRV-INST", "rate", 150.0,
                "unit", "Hour", "product_type", "service", "vendor_id", "2000000012345",
                "initial_stock", 3, "initial_stock_rate", 150.0));
        assertThat(product.toInventory(consulting, bindings, false)).as("opening stock only on create")
                .doesNotContainKeys("initial_stock", "initial_stock_rate");
        Map<String, Object> crm = product.toCrm(Map.of("name", "Installation", "sku", "SRV-INST",
                "stock_on_hand", 12, "vendor_id", "2000000012345", "product_type", "service"), bindings, false);
        assertThat(crm).containsEntry("Qty_in_Stock", 12)
                .containsEntry("Vendor_Name", Map.of("id", "4150868000000376008"))
                .doesNotContainKey("Product_Category");
    }

    @Test
    void aProductWithoutCategoryIsGoods() {
        RecordMapping product = registry.module("products").record("product");
        // CRM answers every requested field, null when empty
        Map<String, Object> widget = mapOf("Product_Name", "Widget", "Product_Category", null);
        assertThat(product.toInventory(widget, bindings, true)).containsEntry("product_type", "goods");
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
