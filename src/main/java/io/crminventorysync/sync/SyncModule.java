package io.crminventorysync.sync;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three synced pairs (the README's glossary, "module"). Stored, routed and shown by {@link #id()}:
 * {@code accounts}, {@code vendors}, {@code products}.
 */
public enum SyncModule {
    ACCOUNTS, VENDORS, PRODUCTS;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** The module's name in the database, the routes ({@code direct:accounts-run}) and the API paths. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The module of this id; an unknown id is refused with {@link UnknownModuleException} (404 over HTTP). */
    public static SyncModule of(String id) {
        for (SyncModule m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new UnknownModuleException(id);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(SyncModule::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
