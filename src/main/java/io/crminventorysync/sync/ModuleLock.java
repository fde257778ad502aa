package io.crminventorysync.sync;

import io.crminventorysync.config.SyncProperties;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One run per module at a time, across every node sharing the database: a row per module claimed
 * by a single conditional UPDATE (atomic on H2 and MySQL alike). A holder that stops sending
 * heartbeats for {@code sync.run-lock-timeout} is presumed dead and its claim can be taken over.
 */
@Component
public class ModuleLock {

    /** Who holds a module: the run and the node. */
    public record Holder(long runId, String node, Instant heartbeatAt) {
    }

    private final JdbcTemplate jdbc;
    private final SyncProperties properties;

    public ModuleLock(JdbcTemplate jdbc, SyncProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        for (SyncModule module : SyncModule.values()) {
            try {
                jdbc.update("INSERT INTO sync_module_lock (module) VALUES (?)", module.id());
            } catch (DuplicateKeyException exists) {
                // created by an earlier start or another node
            }
        }
    }

    /**
     * Claims the module for a run. Returns empty on success, or the current live holder. A stale
     * holder (dead node) is returned through {@code staleTakenOver} so the caller can close its run.
     */
    public Optional<Holder> tryClaim(SyncModule module, long runId, String node, java.util.function.LongConsumer staleTakenOver) {
        Instant now = Db.now();
        Instant staleBefore = now.minus(properties.getRunLockTimeout());
        Optional<Holder> before = holder(module);
        int n = jdbc.update("UPDATE sync_module_lock SET run_id = ?, node = ?, acquired_at = ?, heartbeat_at = ?"
                        + " WHERE module = ? AND (run_id IS NULL OR heartbeat_at < ?)",
                runId, node, Db.utc(now), Db.utc(now), module.id(), Db.utc(staleBefore));
        if (n == 1) {
            before.filter(h -> h.runId() != runId).ifPresent(h -> staleTakenOver.accept(h.runId()));
            return Optional.empty();
        }
        return holder(module);
    }

    public Optional<Holder> holder(SyncModule module) {
        List<Holder> rows = jdbc.query("SELECT run_id, node, heartbeat_at FROM sync_module_lock WHERE module = ? AND run_id IS NOT NULL",
                (rs, i) -> new Holder(rs.getLong("run_id"), rs.getString("node"), Db.instant(rs, "heartbeat_at")), module.id());
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public void heartbeat(SyncModule module, long runId) {
        jdbc.update("UPDATE sync_module_lock SET heartbeat_at = ? WHERE module = ? AND run_id = ?",
                Db.utc(Db.now()), module.id(), runId);
    }

    /** Releases every claim of a node (its process ended: none of its runs can still be going). */
    public int releaseAll(String node) {
        return jdbc.update("UPDATE sync_module_lock SET run_id = NULL, node = NULL, acquired_at = NULL, heartbeat_at = NULL"
                + " WHERE node = ?", node);
    }

    public void release(SyncModule module, long runId) {
        jdbc.update("UPDATE sync_module_lock SET run_id = NULL, node = NULL, acquired_at = NULL, heartbeat_at = NULL"
                + " WHERE module = ? AND run_id = ?", module.id(), runId);
    }
}
