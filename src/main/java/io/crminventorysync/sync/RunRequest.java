package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.Trigger;
import java.util.Set;

/**
 * What a run is asked to do: what started it, whether it is a full pass, whether it is a preview
 * (reads and plans, writes nothing anywhere), and the records it is limited to (a retry of failed
 * records: CRM ids of the pull, Inventory ids of the push; for accounts with their contacts, the
 * accounts of the groups). A run limited to records, and a preview, never move the module's cursors.
 */
public record RunRequest(Trigger trigger, boolean full, boolean dryRun, Set<String> crmIds, Set<String> inventoryIds) {

    public RunRequest {
        crmIds = crmIds == null ? null : Set.copyOf(crmIds);
        inventoryIds = inventoryIds == null ? null : Set.copyOf(inventoryIds);
    }

    public static RunRequest of(Trigger trigger) {
        return new RunRequest(trigger, trigger == Trigger.RECONCILE, trigger == Trigger.PREVIEW, null, null);
    }

    public static RunRequest full(Trigger trigger) {
        return new RunRequest(trigger, true, false, null, null);
    }

    public static RunRequest preview() {
        return new RunRequest(Trigger.PREVIEW, false, true, null, null);
    }

    /** A retry of failed records: only these are read, from the side they came from, and written. */
    public static RunRequest retry(Set<String> crmIds, Set<String> inventoryIds) {
        return new RunRequest(Trigger.RETRY, false, false, crmIds == null ? Set.of() : crmIds,
                inventoryIds == null ? Set.of() : inventoryIds);
    }

    /** True when the run reads only the records named (a retry). */
    public boolean scoped() {
        return crmIds != null || inventoryIds != null;
    }
}
