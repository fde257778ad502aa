package io.crminventorysync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CRM fields parameter and the Inventory fields a run reads come from the mapping itself. */
class MappingFieldListsTest {

    private static MappingRegistry registry;

    @BeforeAll
    static void load() {
        registry = new MappingRegistry(MappingTestFiles.REAL_DIR);
    }

    @Test
    void productFieldsStartWithTheKeysAndEndWithModifiedTime() {
        assertThat(registry.module("products").record("product").crmFields()).containsExactly(
                "Product_Name", "Product_Code", "Unit_Price", "Description", "Usage_Unit", "Product_Category",
                "Reorder_Level", "Vendor_Name", "Qty_in_Stock", "Modified_Time");
    }

    @Test
    void contactFieldsIncludeTheParentLookupOnce() {
        assertThat(registry.module("accounts").record("person").crmFields()).containsExactly(
                "Email", "Account_Name", "First_Name", "Last_Name", "Phone", "Mobile", "Salutation", "Title",
                "Department", "Modified_Time");
    }

    @Test
    void individualFieldsIncludeEveryConcatPartAndTheReadOnlyKey() {
        assertThat(registry.module("accounts").record("individual").crmFields())
                .startsWith("Full_Name", "First_Name", "Last_Name")
                .endsWith("Modified_Time")
                .doesNotHaveDuplicates()
                .contains("Mailing_City", "Description");
    }

    @Test
    void everyRecordStaysWithinTheCrmLimitOfFiftyFields() {
        for (String module : KnownFields.MODULES) {
            registry.module(module).records().forEach(r -> assertThat(r.crmFields()).as(r.name()).hasSizeLessThanOrEqualTo(50));
        }
    }

    @Test
    void inventoryFieldsListKeysThenMappedPathsThenLastModifiedTime() {
        assertThat(registry.module("vendors").record("vendor").inventoryFields()).containsExactly(
                "contact_name", "company_name", "contact_type", "contact_persons.0.email", "contact_persons.0.phone",
                "website", "notes",
                "billing_address.address", "billing_address.city", "billing_address.state", "billing_address.zip",
                "billing_address.country", "last_modified_time");
        assertThat(registry.module("products").record("product").inventoryFields())
                .startsWith("name", "sku").contains("stock_on_hand", "vendor_id").endsWith("last_modified_time");
    }
}
