package io.crminventorysync.sync;

import io.crminventorysync.config.CronRule;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Module settings in the database. Configuration only gives the defaults written on first start;
 * from then on the stored row is the truth (changed through the HTTP API), on every node.
 */
@Component
public class ModuleSettingsStore {

    private static final Logger log = LoggerFactory.getLogger(ModuleSettingsStore.class);

    private static final RowMapper<ModuleSettings> ROW = (rs, i) -> new ModuleSettings(
            SyncModule.of(rs.getString("module")),
            Direction.valueOf(rs.getString("direction")),
            DuplicatePolicy.valueOf(rs.getString("duplicate_policy")),
            ConflictPolicy.valueOf(rs.getString("conflict_policy")),
            DeletePolicy.valueOf(rs.getString("delete_policy")),
            rs.getString("crm_view_id"),
            rs.getString("crm_side") == null ? null : CrmSide.valueOf(rs.getString("crm_side")),
            rs.getString("cron"),
            rs.getString("reconcile_cron"),
            rs.getBoolean("paused"),
            rs.getString("paused_reason"),
            Db.instant(rs, "updated_at"),
            rs.getBoolean("enabled"));

    private final JdbcTemplate jdbc;
    private final SyncProperties properties;

    public ModuleSettingsStore(JdbcTemplate jdbc, SyncProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        ensureDefaults();
    }

    /** Writes the configured defaults for modules that have no row yet; never overwrites a row. */
    final void ensureDefaults() {
        for (SyncModule module : SyncModule.values()) {
            if (find(module) != null) {
                continue;
            }
            SyncProperties.Module d = properties.module(module.id());
            ModuleSettings defaults = new ModuleSettings(module,
                    Direction.valueOf(d.getDirection()),
                    DuplicatePolicy.valueOf(d.getDuplicatePolicy()),
                    ConflictPolicy.valueOf(d.getConflictPolicy()),
                    DeletePolicy.valueOf(d.getDeletePolicy()),
                    module == SyncModule.PRODUCTS ? null : blankToNull(d.getCrmViewId()),
                    module == SyncModule.ACCOUNTS ? CrmSide.valueOf(d.getCrmSide()) : null,
                    d.getCron(), d.getReconcileCron(), false, null, Db.now(), d.isEnabled());
            try {
                jdbc.update("INSERT INTO module_settings (module, direction, duplicate_policy, conflict_policy,"
                                + " delete_policy, crm_view_id, crm_side, cron, reconcile_cron, paused, paused_reason, updated_at,"
                                + " enabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, NULL, ?, ?)",
                        module.id(), defaults.direction().name(), defaults.duplicatePolicy().name(),
                        defaults.conflictPolicy().name(), defaults.deletePolicy().name(), defaults.crmViewId(),
                        defaults.crmSide() == null ? null : defaults.crmSide().name(),
                        defaults.cron(), defaults.reconcileCron(), Db.utc(defaults.updatedAt()), defaults.enabled());
                log.info("Module {}: settings initialised from configuration ({})", module, defaults);
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                log.debug("Module {}: settings were initialised by another node", module);
            }
        }
    }

    public ModuleSettings get(SyncModule module) {
        ModuleSettings s = find(module);
        if (s == null) {
            throw new UnknownModuleException(module.id());
        }
        return s;
    }

    public List<ModuleSettings> all() {
        return jdbc.query("SELECT * FROM module_settings ORDER BY module", ROW);
    }

    private ModuleSettings find(SyncModule module) {
        List<ModuleSettings> rows = jdbc.query("SELECT * FROM module_settings WHERE module = ?", ROW, module.id());
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Stores new settings after checking the rules (the product description's: no view for products,
     * the CRM side only for accounts). Pause state is not changed here. A run in progress keeps the
     * snapshot it took; the change applies from the next run.
     */
    public ModuleSettings save(ModuleSettings s) {
        validate(s);
        int n = jdbc.update("UPDATE module_settings SET direction = ?, duplicate_policy = ?, conflict_policy = ?,"
                        + " delete_policy = ?, crm_view_id = ?, crm_side = ?, cron = ?, reconcile_cron = ?, updated_at = ?"
                        + " WHERE module = ?",
                s.direction().name(), s.duplicatePolicy().name(), s.conflictPolicy().name(), s.deletePolicy().name(),
                blankToNull(s.crmViewId()), s.crmSide() == null ? null : s.crmSide().name(), s.cron(), s.reconcileCron(),
                Db.utc(Db.now()), s.module().id());
        if (n != 1) {
            throw new InvalidSettingException("module", "unknown module '" + s.module() + "'");
        }
        // A new view, side or duplicate policy changes what a record should become, so the next run
        // reads everything again (its updated_at is past the cursor) and must not skip records on the
        // strength of decisions taken under the old settings. Bound records whose values did not
        // change still cost no write: their binding holds the fingerprint.
        jdbc.update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId LIKE ?",
                CamelRepositories.PULL_PROCESSOR, s.module().id() + ":%");
        return get(s.module());
    }

    /**
     * Makes the module's next run read everything again (a new mapping changes what every record
     * becomes): a newer updated_at than the cursor, and no "already processed" marks.
     */
    public void rereadAll(SyncModule module) {
        jdbc.update("UPDATE module_settings SET updated_at = ? WHERE module = ?", Db.utc(Db.now()), module.id());
        jdbc.update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId LIKE ?",
                CamelRepositories.PULL_PROCESSOR, module.id() + ":%");
    }

    /**
     * Shared pause state: every node reads it before a run, so a pause holds cluster-wide. It leaves
     * updated_at alone: a pause changes no setting, and a newer updated_at would make the next run
     * re-read everything.
     */
    public void setPaused(SyncModule module, boolean paused, String reason) {
        jdbc.update("UPDATE module_settings SET paused = ?, paused_reason = ? WHERE module = ?",
                paused, paused ? reason : null, module.id());
    }

    /**
     * "Enable module to be synced", cluster-wide: every node's schedule reads it before a fire. Like a
     * pause it changes no mapped setting, so updated_at stays (the next run need not re-read everything).
     */
    public void setEnabled(SyncModule module, boolean enabled) {
        jdbc.update("UPDATE module_settings SET enabled = ? WHERE module = ?", enabled, module.id());
    }

    static void validate(ModuleSettings s) {
        if (s.module() == null) {
            throw new InvalidSettingException("module", "module is required, one of " + SyncModule.ids());
        }
        if (s.direction() == null) {
            throw new InvalidSettingException("direction", "direction is required: ONE_WAY or TWO_WAY");
        }
        if (s.duplicatePolicy() == null) {
            throw new InvalidSettingException("duplicatePolicy", "duplicatePolicy is required: CLONE, OVERWRITE or SKIP");
        }
        if (s.deletePolicy() == null) {
            throw new InvalidSettingException("deletePolicy", "deletePolicy is required: RECREATE, UNLINK or PROPAGATE");
        }
        if (s.conflictPolicy() == null) {
            throw new InvalidSettingException("conflictPolicy", "conflictPolicy is required: CRM_WINS, INVENTORY_WINS or LATEST_WINS");
        }
        if (s.module() == SyncModule.PRODUCTS && s.hasView()) {
            throw new InvalidSettingException("crmViewId", "a CRM view cannot be chosen for products");
        }
        if (s.hasView() && !s.crmViewId().matches("\\d{1,30}")) {
            throw new InvalidSettingException("crmViewId", "a CRM custom view id is a string of digits");
        }
        if (s.module() == SyncModule.ACCOUNTS && s.crmSide() == null) {
            throw new InvalidSettingException("crmSide", "crmSide is required for accounts: ACCOUNTS_AND_CONTACTS, ACCOUNTS or CONTACTS");
        }
        if (s.module() != SyncModule.ACCOUNTS && s.crmSide() != null) {
            throw new InvalidSettingException("crmSide", "crmSide applies to the accounts module only");
        }
        CronRule.check(s.cron()).ifPresent(problem -> {
            throw new InvalidSettingException("cron", problem);
        });
        CronRule.check(s.reconcileCron()).ifPresent(problem -> {
            throw new InvalidSettingException("reconcileCron", problem);
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
