package io.crminventorysync.sync;

import java.time.Instant;

/**
 * Links a CRM record to an Inventory record within a module. {@code kind} tells a top-level record
 * (customer, vendor, item: {@link #RECORD}) from a contact person under a customer ({@link #PERSON}),
 * whose {@code inventoryParentId} is that customer's contact id. The fingerprints are of what each
 * side held right after we last wrote or read it: equal fingerprints mean "nothing to write".
 */
public record Binding(
        String module,
        String kind,
        String crmId,
        String inventoryId,
        String inventoryParentId,
        String crmFingerprint,
        String inventoryFingerprint,
        Instant crmModifiedTime,
        Instant inventoryModifiedTime) {

    public static final String RECORD = "record";
    public static final String PERSON = "person";
}
