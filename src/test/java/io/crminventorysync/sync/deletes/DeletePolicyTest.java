package io.crminventorysync.sync.deletes;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.RunError;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A record deleted (or made inactive) on one side never leaves its pair failing run after run: the
 * module's delete policy decides what happens, in the same run, and says so in the history.
 */
@Tag("sql")
class DeletePolicyTest extends SyncTestSupport {

    /** Acts on Inventory as a person would in its UI. */
    @Autowired
    InventoryClient inventoryApi;

    private void policy(SyncModule module, DeletePolicy policy, Direction direction) {
        ModuleSettings s = settings.get(module);
        settings.save(new ModuleSettings(s.module(), direction, s.duplicatePolicy(), s.conflictPolicy(), policy,
                s.crmViewId(), s.crmSide(), s.cron(), s.reconcileCron(), false, null, null));
    }

    private List<RunError> entries(RunSummary run, EntryKind kind) {
        return runs.errors(run.id(), null).stream().filter(e -> e.kind() == kind).toList();
    }

    private RunSummary fullPass(String module) {
        return countsAddUp(control.runNow(SyncModule.of(module), Trigger.INSTANT, true));
    }

    private void later() {
        sandbox.advanceClock(Duration.ofSeconds(2));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCustomerDeletedInInventoryIsCreatedAgainWithItsContactsWhenItsAccountChanges() {
        sandbox.seedDemo();
        run("accounts");
        String aztec = demo("crm.account.Aztec Technologies");
        Binding before = binding("accounts", BindingKind.RECORD, aztec);
        sandbox.inventoryDeleteContact(before.inventoryId());
        sandbox.crmEdit("Accounts", aztec, Map.of("Phone", "+1 555 0190"));

        RunSummary run = run("accounts");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, Object> recreated = sandbox.inventoryContactByName("Aztec Technologies").orElseThrow();
        assertThat(String.valueOf(recreated.get("contact_id"))).isNotEqualTo(before.inventoryId());
        assertThat(binding("accounts", BindingKind.RECORD, aztec).inventoryId()).isEqualTo(String.valueOf(recreated.get("contact_id")));
        assertThat((List<Map<String, Object>>) recreated.get("contact_persons")).extracting(p -> p.get("first_name"))
                .containsExactlyInAnyOrder("Frankline", "Jose", "Nisha");
        assertThat(entries(run, EntryKind.RECREATED)).singleElement().satisfies(e -> assertThat(e.recordId()).isEqualTo(aztec));
        assertThat(run.pullErrorCount()).isZero();

        sandbox.resetStats();
        RunSummary quiet = run("accounts");
        assertThat(quiet.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(inventoryWrites()).isZero();
    }

    @Test
    void underUnlinkTheGonePairIsDroppedOnceWithOneEntryAndNothingWritten() {
        policy(SyncModule.VENDORS, DeletePolicy.UNLINK, Direction.ONE_WAY);
        String vendorId = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Contoso Parts"));
        run("vendors");
        sandbox.inventoryDeleteContact(binding("vendors", BindingKind.RECORD, vendorId).inventoryId());
        sandbox.crmEdit("Vendors", vendorId, Map.of("Website", "https://contoso.example"));
        sandbox.resetStats();

        RunSummary run = run("vendors");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(entries(run, EntryKind.UNLINKED)).singleElement().satisfies(e -> assertThat(e.reason()).contains("UNLINK"));
        assertThat(sandbox.inventoryContactByName("Contoso Parts")).isEmpty();
        assertThat(bindings.byCrmId(SyncModule.VENDORS, BindingKind.RECORD, vendorId)).isEmpty();

        RunSummary next = run("vendors");
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.errors(next.id(), null)).isEmpty();
    }

    @Test
    void aFullPassCreatesAgainWhatInventoryLostWhileCrmStayedQuietAndRepairsDrift() {
        String contoso = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Contoso Parts", "Website", "https://contoso.example"));
        String fabrikam = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Fabrikam Supply", "Website", "https://fabrikam.example"));
        run("vendors");
        sandbox.inventoryDeleteContact(binding("vendors", BindingKind.RECORD, contoso).inventoryId());
        later();
        String fabrikamContact = binding("vendors", BindingKind.RECORD, fabrikam).inventoryId();
        // one-way: an edit in Inventory drifts from the CRM, the master
        sandbox.inventoryEditContact(fabrikamContact, Map.of("website", "https://changed-in-inventory.example"));

        sandbox.resetStats();
        RunSummary quiet = run("vendors");
        assertThat(quiet.pull().created() + quiet.pull().updated()).as("a normal run sees neither").isZero();
        assertThat(inventoryWrites()).isZero();

        RunSummary full = fullPass("vendors");

        assertThat(full.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(full.fullPass()).isTrue();
        assertThat(sandbox.inventoryContactByName("Contoso Parts")).isPresent();
        assertThat(entries(full, EntryKind.RECREATED)).extracting(RunError::recordId).containsExactly(contoso);
        assertThat(sandbox.inventoryContact(fabrikamContact).orElseThrow().get("website")).isEqualTo("https://fabrikam.example");
        assertThat(full.pull().created()).isEqualTo(1);
        assertThat(full.pull().updated()).isEqualTo(1);
    }

    @Test
    void underPropagateAVendorDeletedInCrmMarksItsInventoryVendorInactive() {
        policy(SyncModule.VENDORS, DeletePolicy.PROPAGATE, Direction.ONE_WAY);
        String vendorId = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Contoso Parts"));
        run("vendors");
        String contactId = binding("vendors", BindingKind.RECORD, vendorId).inventoryId();
        sandbox.crmDelete("Vendors", vendorId);

        RunSummary run = run("vendors");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.inventoryContact(contactId).orElseThrow().get("status")).isEqualTo("inactive");
        assertThat(entries(run, EntryKind.DELETE_PROPAGATED)).singleElement().satisfies(e -> assertThat(e.recordId()).isEqualTo(vendorId));
        assertThat(bindings.byCrmId(SyncModule.VENDORS, BindingKind.RECORD, vendorId)).isEmpty();
    }

    @Test
    void withoutPropagateACrmDeletionLeavesInventoryAloneAndTheFullPassDropsThePair() {
        String vendorId = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Contoso Parts"));
        run("vendors");
        String contactId = binding("vendors", BindingKind.RECORD, vendorId).inventoryId();
        sandbox.crmDelete("Vendors", vendorId);

        RunSummary full = fullPass("vendors");

        assertThat(full.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.inventoryContact(contactId).orElseThrow().get("status")).isEqualTo("active");
        assertThat(entries(full, EntryKind.UNLINKED)).singleElement().satisfies(e -> assertThat(e.reason()).contains("kept"));
        assertThat(bindings.byCrmId(SyncModule.VENDORS, BindingKind.RECORD, vendorId)).isEmpty();
    }

    @Test
    void twoWayUnderPropagateAnItemMadeInactiveInInventoryMakesItsProductInactiveInCrm() {
        policy(SyncModule.PRODUCTS, DeletePolicy.PROPAGATE, Direction.TWO_WAY);
        String productId = sandbox.crmCreate("Products", Map.of("Product_Name", "Label Roll 100m", "Product_Code", "SKU-LBL-100",
                "Product_Active", true));
        run("products");
        later();
        inventoryApi.setItemActive(binding("products", BindingKind.RECORD, productId).inventoryId(), false);

        RunSummary run = run("products");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.crmRecord("Products", productId).orElseThrow().get("Product_Active")).isEqualTo(false);
        assertThat(entries(run, EntryKind.DELETE_PROPAGATED)).hasSize(1);
    }

    @Test
    void twoWayUnderPropagateAVendorDeletedInInventoryIsDeletedInCrmByTheFullPass() {
        policy(SyncModule.VENDORS, DeletePolicy.PROPAGATE, Direction.TWO_WAY);
        String vendorId = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Contoso Parts"));
        run("vendors");
        sandbox.inventoryDeleteContact(binding("vendors", BindingKind.RECORD, vendorId).inventoryId());

        RunSummary full = fullPass("vendors");

        assertThat(full.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.crmRecord("Vendors", vendorId)).isEmpty();
        assertThat(entries(full, EntryKind.DELETE_PROPAGATED)).singleElement().satisfies(e -> assertThat(e.reason()).contains("recycle bin"));
        assertThat(sandbox.inventoryContactByName("Contoso Parts")).as("not created again").isEmpty();
    }

    @Test
    void aContactPersonDeletedInInventoryIsAddedAgainWhenItsContactChanges() {
        sandbox.seedDemo();
        run("accounts");
        String jose = demo("crm.contact.Jose Alvarez");
        Binding person = binding("accounts", BindingKind.PERSON, jose);
        inventoryApi.deleteContactPerson(person.inventoryId());
        sandbox.crmEdit("Contacts", jose, Map.of("Title", "Buyer"));

        RunSummary run = run("accounts");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        Binding again = binding("accounts", BindingKind.PERSON, jose);
        assertThat(again.inventoryId()).isNotEqualTo(person.inventoryId());
        assertThat(inventoryApi.listContactPersons(again.inventoryParentId())).extracting(p -> p.get("designation")).contains("Buyer");
        assertThat(entries(run, EntryKind.RECREATED)).hasSize(1);
    }
}
