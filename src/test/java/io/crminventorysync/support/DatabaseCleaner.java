package io.crminventorysync.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Empties the sync tables between tests. On MySQL every test context shares one database, so tests
 * that count rows start from a known state; Quartz's tables are left to the scheduler.
 */
public final class DatabaseCleaner {

    private static final String[] TABLES = {
        "sync_run_error", "sync_run", "sync_audit", "global_settings", "sync_binding", "sync_pending_create", "sync_cursor",
        "CAMEL_MESSAGEPROCESSED", "contact_aggregation", "contact_aggregation_completed", "sync_seen", "sync_plan", "sync_reread",
        "sync_api_state", "sync_api_usage", "sync_api_bucket", "sync_mapping_version", "sync_notification", "sync_notification_channel"
    };

    private DatabaseCleaner() {
    }

    public static void clean(JdbcTemplate jdbc) {
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("UPDATE sync_module_lock SET run_id = NULL, node = NULL, acquired_at = NULL, heartbeat_at = NULL");
        jdbc.update("UPDATE module_settings SET paused = FALSE, paused_reason = NULL, enabled = TRUE");
    }
}
