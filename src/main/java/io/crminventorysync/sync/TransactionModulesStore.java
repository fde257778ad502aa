package io.crminventorysync.sync;

import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the transaction (Zoho Finance) modules are enabled: one row of {@code global_settings},
 * shared by every node. While they are on, no module may be paused (the product's rule, enforced in
 * {@link ModuleControl}).
 */
@Component
public class TransactionModulesStore {

    /** The modules the switch covers, as the product names them. */
    public static final List<String> MODULES = List.of("invoices", "estimates", "salesorders", "purchaseorders");

    static final String SETTING = "transaction-modules.enabled";

    /** The stored state; {@code updatedAt} is null while nobody has set it (off by default). */
    public record State(boolean enabled, List<String> modules, Instant updatedAt) {
    }

    private final JdbcTemplate jdbc;

    public TransactionModulesStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public State get() {
        List<State> rows = jdbc.query("SELECT setting_value, updated_at FROM global_settings WHERE setting_name = ?",
                (rs, i) -> new State(Boolean.parseBoolean(rs.getString("setting_value")), MODULES,
                        Db.instant(rs, "updated_at")), SETTING);
        return rows.isEmpty() ? new State(false, MODULES, null) : rows.get(0);
    }

    public boolean enabled() {
        return get().enabled();
    }

    /** Package-private: callers go through {@link ModuleControl#setTransactionModules}, which holds the rules. */
    State set(boolean enabled) {
        Instant now = Db.now();
        int n = jdbc.update("UPDATE global_settings SET setting_value = ?, updated_at = ? WHERE setting_name = ?",
                String.valueOf(enabled), Db.utc(now), SETTING);
        if (n == 0) {
            try {
                jdbc.update("INSERT INTO global_settings (setting_name, setting_value, updated_at) VALUES (?, ?, ?)",
                        SETTING, String.valueOf(enabled), Db.utc(now));
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                jdbc.update("UPDATE global_settings SET setting_value = ?, updated_at = ? WHERE setting_name = ?",
                        String.valueOf(enabled), Db.utc(now), SETTING);
            }
        }
        return get();
    }
}
