package io.crminventorysync.sync;

import java.time.Instant;

/**
 * Links a CRM record to an Inventory record within a module. {@code kind} tells a top-level record
 * (customer, vendor, item) from a contact person under a customer, whose {@code inventoryParentId}
 * is that customer's contact id. The fingerprints are of what each side held right after we last
 * wrote or read it: equal fingerprints mean "nothing to write". {@code base} is the common ancestor of
 * the three-way merge: the last synced value of every mapped field, in CRM terms, as JSON (null for a
 * binding stored before bases existed).
 */
public record Binding(
        SyncModule module,
        BindingKind kind,
        String crmId,
        String inventoryId,
        String inventoryParentId,
        String crmFingerprint,
        String inventoryFingerprint,
        Instant crmModifiedTime,
        Instant inventoryModifiedTime,
        String base) {

    /** The same binding with what Inventory holds now. */
    public Binding withInventory(String fingerprint, Instant modified, String newBase) {
        return new Binding(module, kind, crmId, inventoryId, inventoryParentId, crmFingerprint, fingerprint,
                crmModifiedTime, modified, newBase);
    }
}
