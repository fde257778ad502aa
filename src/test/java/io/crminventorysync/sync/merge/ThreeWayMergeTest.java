package io.crminventorysync.sync.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.RunError;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncModule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two-way edits on both sides, merged field by field against the base each binding keeps: a field
 * changed on one side only takes that side's value under every policy; only a field changed on both
 * sides is a conflict.
 */
@Tag("sql")
class ThreeWayMergeTest extends SyncTestSupport {

    /** Edits a contact person as an Inventory user would. */
    @Autowired
    InventoryClient inventoryApi;

    private void twoWay(SyncModule module, ConflictPolicy policy) {
        ModuleSettings s = settings.get(module);
        settings.save(new ModuleSettings(s.module(), Direction.TWO_WAY, s.duplicatePolicy(), policy, s.deletePolicy(),
                s.crmViewId(), s.crmSide(), s.cron(), s.reconcileCron(), false, null, null));
    }

    /** Inventory keeps modified times to the second: an edit never shares a second with the write before it. */
    private void later() {
        sandbox.advanceClock(Duration.ofSeconds(2));
    }

    private List<RunError> conflicts(RunSummary run) {
        return runs.errors(run.id(), null).stream().filter(e -> e.kind() == EntryKind.CONFLICT).toList();
    }

    @ParameterizedTest
    @EnumSource(ConflictPolicy.class)
    void editsOfDifferentFieldsOnEachSideBothSurviveUnderEveryPolicy(ConflictPolicy policy) {
        twoWay(SyncModule.VENDORS, policy);
        String vendorId = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Contoso Parts",
                "Phone", "+1 555 0100", "Website", "https://contoso.example"));
        run("vendors");
        String contactId = binding("vendors", BindingKind.RECORD, vendorId).inventoryId();

        later();
        sandbox.crmEdit("Vendors", vendorId, Map.of("Phone", "+1 555 0199"));
        later();
        // the later edit, on the other side, of another field
        sandbox.inventoryEditContact(contactId, Map.of("website", "https://shop.contoso.example"));

        RunSummary run = run("vendors");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, Object> crm = sandbox.crmRecord("Vendors", vendorId).orElseThrow();
        Map<String, Object> inventory = sandbox.inventoryContact(contactId).orElseThrow();
        assertThat(crm.get("Phone")).isEqualTo("+1 555 0199");
        assertThat(inventory.get("phone")).isEqualTo("+1 555 0199");
        assertThat(crm.get("Website")).isEqualTo("https://shop.contoso.example");
        assertThat(inventory.get("website")).isEqualTo("https://shop.contoso.example");
        assertThat(conflicts(run)).as("nothing was changed on both sides").isEmpty();
        assertThat(run.conflictCount()).isZero();

        sandbox.resetStats();
        run("vendors");
        assertThat(sandbox.count("crm.write") + inventoryWrites()).as("merged: nothing left to write").isZero();
    }

    @ParameterizedTest
    @EnumSource(ConflictPolicy.class)
    void aFieldChangedOnBothSidesIsOneConflictWithTheBaseBothValuesAndTheWinner(ConflictPolicy policy) {
        twoWay(SyncModule.VENDORS, policy);
        String vendorId = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Contoso Parts",
                "Phone", "+1 555 0100", "Website", "https://contoso.example"));
        run("vendors");
        String contactId = binding("vendors", BindingKind.RECORD, vendorId).inventoryId();

        later();
        sandbox.crmEdit("Vendors", vendorId, Map.of("Website", "https://crm.contoso.example", "Phone", "+1 555 0111"));
        later();
        sandbox.inventoryEditContact(contactId, Map.of("website", "https://inventory.contoso.example"));

        RunSummary run = run("vendors");

        String expected = policy == ConflictPolicy.CRM_WINS ? "https://crm.contoso.example" : "https://inventory.contoso.example";
        assertThat(sandbox.crmRecord("Vendors", vendorId).orElseThrow().get("Website")).isEqualTo(expected);
        assertThat(sandbox.inventoryContact(contactId).orElseThrow().get("website")).isEqualTo(expected);
        assertThat(sandbox.inventoryContact(contactId).orElseThrow().get("phone")).as("changed in CRM only").isEqualTo("+1 555 0111");
        assertThat(run.conflictCount()).isEqualTo(1);
        assertThat(conflicts(run)).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("Website");
            assertThat(c.baseValue()).isEqualTo("https://contoso.example");
            assertThat(c.crmValue()).isEqualTo("https://crm.contoso.example");
            assertThat(c.inventoryValue()).isEqualTo("https://inventory.contoso.example");
            assertThat(c.winner()).isEqualTo(policy == ConflictPolicy.CRM_WINS ? "CRM" : "INVENTORY");
        });
    }

    @Test
    void aContactPersonsOneSidedEditsBothSurvive() {
        twoWay(SyncModule.ACCOUNTS, ConflictPolicy.CRM_WINS);
        sandbox.seedDemo();
        run("accounts");
        String contactId = demo("crm.contact.Frankline Mendes");
        var person = binding("accounts", BindingKind.PERSON, contactId);

        later();
        sandbox.crmEdit("Contacts", contactId, Map.of("Title", "Head of Procurement"));
        later();
        inventoryApi.updateContactPerson(person.inventoryParentId(), person.inventoryId(), Map.of("mobile", "+1 555 0142"));

        RunSummary run = run("accounts");

        assertThat(sandbox.crmRecord("Contacts", contactId).orElseThrow()).containsEntry("Title", "Head of Procurement")
                .containsEntry("Mobile", "+1 555 0142");
        assertThat(inventoryApi.listContactPersons(person.inventoryParentId()))
                .filteredOn(p -> person.inventoryId().equals(String.valueOf(p.get("contact_person_id"))))
                .singleElement().satisfies(p -> assertThat(p).containsEntry("designation", "Head of Procurement")
                        .containsEntry("mobile", "+1 555 0142"));
        assertThat(run.conflictCount()).isZero();
    }

    @Test
    void aNewItemStartsWithTheProductsStockAndInventoryEditsNeverZeroTheCrmStock() {
        twoWay(SyncModule.PRODUCTS, ConflictPolicy.CRM_WINS);
        String productId = sandbox.crmCreate("Products", Map.of("Product_Name", "Label Roll 100m",
                "Product_Code", "SKU-LBL-100", "Unit_Price", 12.5, "Qty_in_Stock", 25));
        run("products");
        String itemId = binding("products", BindingKind.RECORD, productId).inventoryId();
        assertThat(((Number) sandbox.inventoryItem(itemId).orElseThrow().get("stock_on_hand")).doubleValue())
                .as("opening stock from CRM").isEqualTo(25.0);

        later();
        sandbox.inventoryEditItem(itemId, Map.of("rate", 13.0));
        sandbox.resetStats();
        RunSummary rate = run("products");

        Map<String, Object> product = sandbox.crmRecord("Products", productId).orElseThrow();
        assertThat(((Number) product.get("Unit_Price")).doubleValue()).isEqualTo(13.0);
        assertThat(((Number) product.get("Qty_in_Stock")).doubleValue()).as("stock unchanged in Inventory: not pushed").isEqualTo(25.0);
        assertThat(rate.push().updated()).isEqualTo(1);

        later();
        sandbox.inventoryEditItem(itemId, Map.of("stock_on_hand", 30));
        run("products");
        assertThat(((Number) sandbox.crmRecord("Products", productId).orElseThrow().get("Qty_in_Stock")).doubleValue())
                .as("stock changed in Inventory: pushed").isEqualTo(30.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aContactPersonAddedOnBothSidesIsMatchedByEmailNotDoubled() {
        twoWay(SyncModule.ACCOUNTS, ConflictPolicy.CRM_WINS);
        sandbox.seedDemo();
        run("accounts");
        String aztec = demo("crm.account.Aztec Technologies");
        String customerId = binding("accounts", BindingKind.RECORD, aztec).inventoryId();
        later();
        inventoryApi.createContactPerson(customerId, Map.of("first_name", "Ada", "last_name", "Lovelace",
                "email", "ADA@aztec.example"));
        String crmAda = sandbox.crmCreate("Contacts", Map.of("First_Name", "Ada", "Last_Name", "Lovelace",
                "Email", "ada@aztec.example", "Account_Name", Map.of("id", aztec)));

        RunSummary run = run("accounts");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(inventoryApi.listContactPersons(customerId)).filteredOn(p -> "Ada".equals(p.get("first_name"))).hasSize(1);
        assertThat(sandbox.crmRecords("Contacts")).filteredOn(c -> "Ada".equals(c.get("First_Name"))).hasSize(1);
        assertThat(binding("accounts", BindingKind.PERSON, crmAda).inventoryParentId()).isEqualTo(customerId);
    }
}
