package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.Trigger;
import java.util.Set;

/**
 * What a run is asked to do: what started it, whether it is a full pass, whether it is a preview
 * (reads and plans, writes nothing anywhere), and the records it is limited to (a retry of failed
 * records: CRM ids of the pull, Inventory ids of the push; for accounts with their contacts, the
 * accounts of the groups). A run limited to records, and a preview, never move the module's cursors.
 * A notification run also names the CRM records Zoho said were deleted ({@code crmDeleted}): their
 * pairs follow the delete policy.
 */
public record RunRequest(Trigger trigger, boolean full, boolean dryRun, Set<String> crmIds, Set<String> inventoryIds,
        Set<String> crmDeleted) {

    public RunRequest {
        crmIds = crmIds == null ? null : Set.copyOf(crmIds);
        inventoryIds = inventoryIds == null ? null : Set.copyOf(inventoryIds);
        crmDeleted = crmDeleted == null ? Set.of() : Set.copyOf(crmDeleted);
    }

    public RunRequest(Trigger trigger, boolean full, boolean dryRun, Set<String> crmIds, Set<String> inventoryIds) {
        this(trigger, full, dryRun, crmIds, inventoryIds, Set.of());
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

    /**
     * Changes Zoho told us of (trigger NOTIFICATION): the records named are read fresh from their side
     * (never null: an empty set reads nothing, so a two-way module's push reads no list either), and the
     * CRM records deleted have their pairs follow the delete policy.
     */
    public static RunRequest notified(Set<String> crmIds, Set<String> inventoryIds, Set<String> crmDeleted) {
        return new RunRequest(Trigger.NOTIFICATION, false, false, crmIds == null ? Set.of() : crmIds,
                inventoryIds == null ? Set.of() : inventoryIds, crmDeleted);
    }

    /** True when the run reads only the records named (a retry). */
    public boolean scoped() {
        return crmIds != null || inventoryIds != null;
    }
}
