package io.crminventorysync.sync;

/**
 * What a binding links: a top-level record (customer, vendor, item) or a contact person under a
 * customer. Stored by name in {@code sync_binding.kind} ({@code record}, {@code person}).
 */
public enum BindingKind {
    RECORD, PERSON;

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static BindingKind ofColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
