package io.crminventorysync.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.SyncDirection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An Inventory vendor named {@code Evil\} pushed to CRM: the push looks the name up in CRM before it
 * creates, and an unescaped trailing backslash used to turn that search into INVALID_QUERY and fail
 * the push batch. Now the vendor lands like any other, next to a well-behaved one.
 */
class BackslashNamePushTest extends SyncTestSupport {

    @Test
    void anInventoryVendorWhoseNameEndsInABackslashReachesCrm() {
        ModuleSettings s = settings.get("vendors");
        settings.save(new ModuleSettings("vendors", Direction.TWO_WAY, s.duplicatePolicy(), s.conflictPolicy(), null,
                null, s.cron(), false, null, null));
        sandbox.inventoryCreateContact(Map.of("contact_name", "Evil\\", "contact_type", "vendor"));
        sandbox.inventoryCreateContact(Map.of("contact_name", "Plain Supplies", "contact_type", "vendor"));

        RunSummary run = run("vendors");

        assertThat(runs.errors(run.id(), SyncDirection.PUSH)).isEmpty();
        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.push().created()).isEqualTo(2);
        assertThat(sandbox.crmFind("Vendors", "Vendor_Name", "Evil\\")).isPresent();
        assertThat(sandbox.crmFind("Vendors", "Vendor_Name", "Plain Supplies")).isPresent();
    }
}
