package io.crminventorysync.mapping;

import static io.crminventorysync.mapping.MappingTestFiles.copyOfRealMappings;
import static io.crminventorysync.mapping.MappingTestFiles.mappingFile;
import static io.crminventorysync.mapping.MappingTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.mapping.MappingTestFiles.Bindings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every transform, in both directions where it has two, on a products mapping made for the test. */
class MappingTransformsTest {

    /** The lookup error test asserts the line of the Vendor_Name field (20): add new fields below it. */
    private static final String PRODUCTS = mappingFile("products", """
              <record name="product" crmModule="Products" inventory="item">
                <key crm="Product_Name" inventory="name"/>
                <secondaryKey crm="Product_Code" inventory="sku"/>
                <field crm="Product_Name" inventory="name" direction="both"><trim/><truncate length="10"/></field>
                <field crm="Usage_Unit" inventory="unit" direction="both"><default value="pcs"/></field>
                <field inventory="item_type" direction="pull" onlyOnCreate="true"><default value="inventory"/></field>
                <field crm="Product_Category" inventory="product_type" direction="both">
                  <valueMap inventoryDefault="goods">
                    <entry crm="Goods" inventory="goods"/>
                    <entry crm="Services" inventory="service"/>
                  </valueMap>
                </field>
                <field crm="Manufacturer" inventory="part_number" direction="pull">
                  <valueMap><entry crm="Acme" inventory="ACME-01"/></valueMap>
                </field>
                <field crm="Sales_Start_Date" inventory="cf_sales_start" custom="inventory" direction="both"><date/></field>
                <field crm="Last_Counted" inventory="cf_last_counted" custom="both" direction="both"><dateTime/></field>
                <field crm="Vendor_Name" inventory="vendor_id" direction="both"><lookup module="vendors"/></field>
                <field crm="Qty_in_Stock" inventory="stock_on_hand" direction="push"/>
                <field inventory="purchase_description" direction="pull">
                  <concat separator=" / "><part crm="Handler"/><part crm="Product_Code"/></concat>
                </field>
                <field crm="Tax" direction="push" onlyOnCreate="true"><default value="Exempt"/></field>
                <field crm="Description" inventory="description" direction="both"><trim/><default value="-"/></field>
              </record>
            """);

    private static RecordMapping product;

    @BeforeAll
    static void load(@TempDir Path dir) {
        copyOfRealMappings(dir);
        write(dir, "products.xml", PRODUCTS);
        product = new MappingRegistry(dir).module("products").record("product");
    }

    private final Bindings bindings = new Bindings().bind("vendors", "4150868000000376008", "2000000012345");

    private static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void aPlainFieldIsCopiedBothWays() {
        assertThat(product.toInventory(record("Product_Name", "Widget"), bindings, false))
                .containsEntry("name", "Widget");
        assertThat(product.toCrm(record("name", "Widget"), bindings, false))
                .containsEntry("Product_Name", "Widget");
    }

    @Test
    void trimStripsSurroundingSpaceBothWays() {
        assertThat(product.toInventory(record("Product_Name", "  Widget \t"), bindings, false))
                .containsEntry("name", "Widget");
        assertThat(product.toCrm(record("name", " Widget "), bindings, false))
                .containsEntry("Product_Name", "Widget");
    }

    @Test
    void truncateCutsToTheLengthBothWaysWithoutSplittingACharacter() {
        assertThat(product.toInventory(record("Product_Name", "Industrial widget XL"), bindings, false))
                .containsEntry("name", "Industrial");
        assertThat(product.toCrm(record("name", "Industrial widget XL"), bindings, false))
                .containsEntry("Product_Name", "Industrial");
        // the emoji is two chars (a surrogate pair) at positions 9 and 10: cutting at 10 would split it
        assertThat(product.toInventory(record("Product_Name", "Widget 12\uD83D\uDE00"), bindings, false))
                .containsEntry("name", "Widget 12");
    }

    @Test
    void defaultFillsAnEmptyValueBothWays() {
        assertThat(product.toInventory(record("Usage_Unit", null), bindings, false)).containsEntry("unit", "pcs");
        assertThat(product.toCrm(record("unit", ""), bindings, false)).containsEntry("Usage_Unit", "pcs");
        assertThat(product.toInventory(record("Usage_Unit", "Box"), bindings, false)).containsEntry("unit", "Box");
        // trim runs first, so blank becomes the default too
        assertThat(product.toInventory(record("Description", "   "), bindings, false))
                .containsEntry("description", "-");
    }

    @Test
    void aConstantIsWrittenOnlyOnCreateWhenMarkedSo() {
        assertThat(product.toInventory(record(), bindings, true)).containsEntry("item_type", "inventory");
        assertThat(product.toInventory(record(), bindings, false)).doesNotContainKey("item_type");
        assertThat(product.toCrm(record(), bindings, true)).containsEntry("Tax", "Exempt");
        assertThat(product.toCrm(record(), bindings, false)).doesNotContainKey("Tax");
    }

    @Test
    void aSourceFieldMissingFromThePartialRecordWritesNothing() {
        Map<String, Object> out = product.toInventory(record("Product_Name", "Widget"), bindings, false);
        assertThat(out).containsOnlyKeys("name");
    }

    @Test
    void aClearedSourceFieldIsWrittenAsNull() {
        assertThat(product.toInventory(record("Vendor_Name", null), bindings, false))
                .containsEntry("vendor_id", null);
    }

    @Test
    void directionDecidesWhichWayAFieldGoes() {
        Map<String, Object> crmProduct = record("Qty_in_Stock", 40, "Handler", "Jose", "Product_Code", "W-1");
        assertThat(product.toInventory(crmProduct, bindings, false))
                .doesNotContainKey("stock_on_hand").containsKey("purchase_description");
        Map<String, Object> item = record("stock_on_hand", 40, "purchase_description", "Jose / W-1");
        assertThat(product.toCrm(item, bindings, false))
                .containsEntry("Qty_in_Stock", 40).doesNotContainKeys("Handler", "Product_Code");
    }

    @Test
    void valueMapTranslatesPicklistValuesBothWays() {
        assertThat(product.toInventory(record("Product_Category", "Services"), bindings, false))
                .containsEntry("product_type", "service");
        assertThat(product.toCrm(record("product_type", "service"), bindings, false))
                .containsEntry("Product_Category", "Services");
    }

    @Test
    void valueMapFallsBackToItsDefaultForAnUnknownOrEmptyPicklistValue() {
        assertThat(product.toInventory(record("Product_Category", "Hardware"), bindings, false))
                .containsEntry("product_type", "goods");
        assertThat(product.toInventory(record("Product_Category", null), bindings, false))
                .containsEntry("product_type", "goods");
    }

    @Test
    void valueMapWithoutDefaultRejectsAnUnknownValueNamingTheField() {
        assertThatThrownBy(() -> product.toCrm(record("product_type", "digital"), bindings, false))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("product_type -> Product_Category")
                .hasMessageContaining("'digital' is not in the value map")
                .satisfies(e -> assertThat(((MappingException) e).field()).isEqualTo("product_type -> Product_Category"));
        assertThatThrownBy(() -> product.toInventory(record("Manufacturer", "Globex"), bindings, false))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("Manufacturer -> part_number")
                .hasMessageContaining("no inventoryDefault");
    }

    @Test
    void concatJoinsTheNonEmptyPartsWithTheSeparator() {
        assertThat(product.toInventory(record("Handler", "Jose", "Product_Code", "W-1"), bindings, false))
                .containsEntry("purchase_description", "Jose / W-1");
        assertThat(product.toInventory(record("Handler", null, "Product_Code", "W-1"), bindings, false))
                .containsEntry("purchase_description", "W-1");
        assertThat(product.toInventory(record("Handler", " ", "Product_Code", null), bindings, false))
                .containsEntry("purchase_description", null);
    }

    @Test
    void dateKeepsTheDateAndCutsADateTimeToItsDateBothWays() {
        assertThat(product.toInventory(record("Sales_Start_Date", "2023-10-15"), bindings, false))
                .containsEntry("custom_fields", List.of(Map.of("api_name", "cf_sales_start", "value", "2023-10-15")));
        assertThat(product.toCrm(record("cf_sales_start", "2023-10-15T23:30:00+0530"), bindings, false))
                .containsEntry("Sales_Start_Date", "2023-10-15");
        assertThatThrownBy(() -> product.toInventory(record("Sales_Start_Date", "15/10/2023"), bindings, false))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("Sales_Start_Date -> cf_sales_start: '15/10/2023' is not a date");
    }

    @Test
    void dateTimeMovesTheOffsetColonBetweenTheTwoApis() {
        Map<String, Object> out = product.toInventory(
                record("Last_Counted", "2023-10-15T10:30:00+05:30"), bindings, false);
        assertThat(out).containsEntry("custom_fields",
                List.of(Map.of("api_name", "cf_last_counted", "value", "2023-10-15T10:30:00+0530")));
        assertThat(product.toCrm(record("cf_last_counted", "2023-10-15T10:30:00+0530"), bindings, false))
                .containsEntry("Last_Counted", "2023-10-15T10:30:00+05:30");
        assertThat(product.toCrm(record("cf_last_counted", "2023-10-15T05:00:00Z"), bindings, false))
                .containsEntry("Last_Counted", "2023-10-15T05:00:00+00:00");
        assertThatThrownBy(() -> product.toCrm(record("cf_last_counted", "2023-10-15 10:30"), bindings, false))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("is not a date-time with an offset");
    }

    @Test
    void anInventoryCustomFieldIsReadFromTheCustomFieldsListOrTheTopLevel() {
        Map<String, Object> item = record("custom_fields",
                List.of(Map.of("api_name", "cf_sales_start", "label", "Sales start", "value", "2024-01-02")));
        assertThat(product.toCrm(item, bindings, false)).containsEntry("Sales_Start_Date", "2024-01-02");
        assertThat(product.toCrm(record("cf_sales_start", "2024-03-04"), bindings, false))
                .containsEntry("Sales_Start_Date", "2024-03-04");
    }

    @Test
    void lookupPullsTheInventoryIdOfTheBoundVendor() {
        Map<String, Object> vendor = Map.of("id", "4150868000000376008", "name", "Aztec Supplies");
        assertThat(product.toInventory(record("Vendor_Name", vendor), bindings, false))
                .containsEntry("vendor_id", "2000000012345");
    }

    @Test
    void lookupPushesTheCrmIdOfTheBoundVendorAsAnIdObject() {
        assertThat(product.toCrm(record("vendor_id", "2000000012345"), bindings, false))
                .containsEntry("Vendor_Name", Map.of("id", "4150868000000376008"));
        assertThat(product.toCrm(record("vendor_id", ""), bindings, false)).containsEntry("Vendor_Name", null);
    }

    @Test
    void lookupOfAnUnboundVendorFailsNamingTheFieldAndTheRecord() {
        Map<String, Object> unsynced = Map.of("id", "4150868000000999001", "name", "Globex");
        assertThatThrownBy(() -> product.toInventory(record("Vendor_Name", unsynced), bindings, false))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("products.xml line 20 field Vendor_Name -> vendor_id")
                .hasMessageContaining("CRM record 4150868000000999001 ('Globex') is not bound to an Inventory record"
                        + " in module vendors");
        assertThatThrownBy(() -> product.toCrm(record("vendor_id", "2000000099999"), bindings, false))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("vendor_id -> Vendor_Name")
                .hasMessageContaining("Inventory record 2000000099999 is not bound to a CRM record in module vendors");
    }

    @Test
    void textIsCutToTheTargetsDocumentedLengthWhereTheFileDoesNotCutIt() {
        String longText = "x".repeat(40_000);
        // Description has no <truncate>: CRM's multi-line limit on push, nothing documented for Inventory
        assertThat((String) product.toCrm(record("description", longText), bindings, false).get("Description"))
                .hasSize(KnownFields.CRM_MULTI_LINE);
        assertThat((String) product.toInventory(record("Description", longText), bindings, false).get("description"))
                .hasSize(40_000);
        // Usage_Unit: a standard single-line CRM field
        assertThat((String) product.toCrm(record("unit", longText), bindings, false).get("Usage_Unit"))
                .hasSize(KnownFields.CRM_SINGLE_LINE);
        // the file's own <truncate length="10"> is shorter than 255, so it wins
        assertThat((String) product.toCrm(record("name", longText), bindings, false).get("Product_Name")).hasSize(10);
        // a custom field's type is unknown: only its own <truncate> would cut it
        assertThat(product.toCrm(record("cf_last_counted", null), bindings, false)).containsEntry("Last_Counted", null);
        // numbers are never cut
        assertThat(product.toCrm(record("stock_on_hand", 123456789), bindings, false)).containsEntry("Qty_in_Stock", 123456789);
    }

    @Test
    void documentedLengthsOfPhoneSingleLineMultiLineAndContactName() {
        assertThat(KnownFields.crmMaxLength("Accounts", "Phone")).isEqualTo(30);
        assertThat(KnownFields.crmMaxLength("Contacts", "Mobile")).isEqualTo(30);
        assertThat(KnownFields.crmMaxLength("Accounts", "Billing_Street")).isEqualTo(255);
        assertThat(KnownFields.crmMaxLength("Vendors", "Description")).isEqualTo(32_000);
        assertThat(KnownFields.crmMaxLength("Accounts", "Purchase_Rate")).as("not a standard field").isZero();
        assertThat(KnownFields.inventoryMaxLength("contact", "contact_name")).isEqualTo(200);
        assertThat(KnownFields.inventoryMaxLength("item", "name")).isZero();
    }
}
