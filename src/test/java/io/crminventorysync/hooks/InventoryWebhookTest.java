package io.crminventorysync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.RawHttp;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.net.http.HttpResponse;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two-way, near-real-time: Inventory's workflow webhook (the sandbox's, set up as the README tells)
 * calls /hooks/zoho/inventory with the shared secret; the Inventory id is queued for the push of a
 * two-way module and reaches CRM within seconds. Our own writes come back as notifications from the
 * other side and cost no write.
 */
class InventoryWebhookTest extends NotificationTestSupport {

    @BeforeEach
    void theWorkflowRulePointsAtTheHook() {
        sandbox.knobs().setInventoryWebhookUrl("http://localhost:" + port + "/hooks/zoho/inventory");
        sandbox.knobs().setInventoryWebhookSecret(INVENTORY_SECRET);
        ModuleSettings s = settings.get(SyncModule.VENDORS);
        settings.save(new ModuleSettings(s.module(), Direction.TWO_WAY, s.duplicatePolicy(), s.conflictPolicy(),
                s.deletePolicy(), s.crmViewId(), s.crmSide(), s.cron(), s.reconcileCron(), false, null, null));
    }

    @Test
    void anEditInInventoryReachesCrmAndTheEchoesOfOurOwnWritesCostNoWrite() throws InterruptedException {
        String vendor = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Echo Parts", "Website", "https://crm.example"));
        Awaitility.await().atMost(WAIT).until(() -> bindings.byCrmId(SyncModule.VENDORS, BindingKind.RECORD, vendor).isPresent());
        awaitDrained();
        String inventoryId = binding("vendors", BindingKind.RECORD, vendor).inventoryId();
        long crmWrites = sandbox.count("crm.write");
        long inventoryWrites = inventoryWrites();

        // Inventory's modified times have whole seconds and the push skips a record not modified after
        // its binding: an edit within the second of our own write would look unchanged (a limitation of
        // the push, not of the hooks), so the user's edit comes a second later, as a person's would
        Thread.sleep(1_100);
        sandbox.inventoryEditContact(inventoryId, Map.of("website", "https://inventory.example"));

        Awaitility.await().atMost(WAIT).until(() ->
                "https://inventory.example".equals(sandbox.crmRecord("Vendors", vendor).orElseThrow().get("Website")));
        awaitDrained();
        assertThat(sandbox.count("crm.write") - crmWrites).as("one CRM write for the Inventory edit").isEqualTo(1);
        assertThat(inventoryWrites() - inventoryWrites)
                .as("the CRM notification of our own write comes back and costs no Inventory write").isZero();
        assertThat(sandbox.count("inventory.webhooks.sent")).isPositive();
        assertThat(runs.history(SyncModule.VENDORS, 50)).extracting(RunSummary::trigger).containsOnly(Trigger.NOTIFICATION);
    }

    @Test
    void aNewInventoryVendorReachesCrmVendorsAndANewCustomerNeverDoes() {
        sandbox.inventoryCreateContact(Map.of("contact_name", "Fresh Vendor Co", "contact_type", "vendor"));
        sandbox.inventoryCreateContact(Map.of("contact_name", "Walk-in Customer", "contact_type", "customer"));

        Awaitility.await().atMost(WAIT).until(() -> sandbox.crmFind("Vendors", "Vendor_Name", "Fresh Vendor Co").isPresent());
        awaitDrained();
        assertThat(sandbox.crmFind("Vendors", "Vendor_Name", "Walk-in Customer"))
                .as("an unbound customer queued for the vendors push is not a vendor").isEmpty();
    }

    @Test
    void aWrongOrMissingSecretIsRefusedAndTheSecretMayComeAsAQueryParameter() {
        RawHttp raw = new RawHttp(port);
        String body = "{\"module\":\"contacts\",\"id\":\"4000000012345\",\"operation\":\"update\"}";

        HttpResponse<String> none = raw.send("POST", "/hooks/zoho/inventory", body, "Content-Type", "application/json");
        HttpResponse<String> wrong = raw.send("POST", "/hooks/zoho/inventory", body, "Content-Type", "application/json",
                HookController.SECRET_HEADER, "guess");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(queue.all()).isEmpty();

        HttpResponse<String> query = raw.send("POST", "/hooks/zoho/inventory?secret=" + INVENTORY_SECRET, body,
                "Content-Type", "application/json");
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(query.body()).doesNotContain(INVENTORY_SECRET);
        assertThat(queue.all()).extracting(NotificationQueue.Entry::module).as("an unbound contact: the two-way module")
                .containsExactly(SyncModule.VENDORS);
    }
}
