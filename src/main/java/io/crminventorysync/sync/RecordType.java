package io.crminventorysync.sync;

import java.util.Locale;

/**
 * The mapping records of the modules ({@code <record name="...">} in {@code mappings/<module>.xml}):
 * which module they belong to and what kind of binding links them.
 */
public enum RecordType {
    /** CRM account to Inventory business customer. */
    ACCOUNT(SyncModule.ACCOUNTS, BindingKind.RECORD),
    /** CRM contact of an account to a contact person of that account's customer. */
    PERSON(SyncModule.ACCOUNTS, BindingKind.PERSON),
    /** CRM contact to Inventory individual customer (CONTACTS mode). */
    INDIVIDUAL(SyncModule.ACCOUNTS, BindingKind.RECORD),
    /** CRM vendor to Inventory vendor contact. */
    VENDOR(SyncModule.VENDORS, BindingKind.RECORD),
    /** CRM product to Inventory item. */
    PRODUCT(SyncModule.PRODUCTS, BindingKind.RECORD);

    private final SyncModule module;
    private final BindingKind kind;

    RecordType(SyncModule module, BindingKind kind) {
        this.module = module;
        this.kind = kind;
    }

    public SyncModule module() {
        return module;
    }

    public BindingKind kind() {
        return kind;
    }

    /** The record's name in its mapping file: account, person, individual, vendor, product. */
    public String mappingName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
