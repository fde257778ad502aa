package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The sync history: runs with their counts, and the errors of each run by direction. */
@Component
public class RunStore {

    /** The product keeps the last 50 runs of each module; older ones (and their errors) are pruned. */
    public static final int HISTORY_SIZE = 50;

    private static final String SELECT_RUN = "SELECT r.*,"
            + " (SELECT COUNT(*) FROM sync_run_error e WHERE e.run_id = r.id AND e.flow = 'PULL' AND e.kind = 'ERROR') AS pull_errors,"
            + " (SELECT COUNT(*) FROM sync_run_error e WHERE e.run_id = r.id AND e.flow = 'PUSH' AND e.kind = 'ERROR') AS push_errors,"
            + " (SELECT COUNT(*) FROM sync_run_error e WHERE e.run_id = r.id AND e.kind = 'CONFLICT') AS conflicts"
            + " FROM sync_run r";

    private static final RowMapper<RunSummary> ROW = (rs, i) -> new RunSummary(
            rs.getLong("id"), SyncModule.of(rs.getString("module")), Trigger.valueOf(rs.getString("trigger_type")),
            RunStatus.valueOf(rs.getString("status")), rs.getBoolean("full_pass"), rs.getString("node"),
            Db.instant(rs, "started_at"), Db.instant(rs, "ended_at"),
            counts(rs, "pull_"), counts(rs, "push_"),
            rs.getInt("pull_errors"), rs.getInt("push_errors"), rs.getInt("conflicts"), rs.getString("message"));

    private static final RowMapper<RunError> ERROR_ROW = (rs, i) -> new RunError(
            rs.getLong("id"), rs.getLong("run_id"), Flow.valueOf(rs.getString("flow")),
            EntryKind.valueOf(rs.getString("kind")), rs.getString("record_id"), rs.getString("field"), rs.getString("reason"),
            rs.getString("excerpt"), rs.getString("base_value"), rs.getString("crm_value"), rs.getString("inventory_value"),
            rs.getString("winner"), Db.instant(rs, "created_at"));

    private static RunSummary.Counts counts(java.sql.ResultSet rs, String flow) throws java.sql.SQLException {
        return new RunSummary.Counts(rs.getInt(flow + "read"), rs.getInt(flow + "created"), rs.getInt(flow + "updated"),
                rs.getInt(flow + "unchanged"), rs.getInt(flow + "skipped"), rs.getInt(flow + "failed"),
                rs.getInt(flow + "not_copied"));
    }

    private final JdbcTemplate jdbc;

    public RunStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long open(SyncModule module, Trigger trigger, String node, Instant startedAt) {
        return open(module, trigger, trigger == Trigger.RECONCILE, node, startedAt);
    }

    public long open(SyncModule module, Trigger trigger, boolean full, String node, Instant startedAt) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "INSERT INTO sync_run (module, trigger_type, status, node, started_at, full_pass) VALUES (?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, module.id());
            ps.setString(2, trigger.name());
            ps.setString(3, RunStatus.RUNNING.name());
            ps.setString(4, node);
            ps.setObject(5, Db.utc(startedAt));
            ps.setBoolean(6, full);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    /** Writes the counts so far; called while a run goes on (progress) and when it closes. */
    public void saveCounts(RunProgress p) {
        RunSummary.Counts pull = p.counts(Flow.PULL);
        RunSummary.Counts push = p.counts(Flow.PUSH);
        jdbc.update("UPDATE sync_run SET pull_read = ?, pull_created = ?, pull_updated = ?, pull_unchanged = ?,"
                        + " pull_skipped = ?, pull_failed = ?, pull_not_copied = ?, push_read = ?, push_created = ?,"
                        + " push_updated = ?, push_unchanged = ?, push_skipped = ?, push_failed = ?, push_not_copied = ?"
                        + " WHERE id = ?",
                pull.read(), pull.created(), pull.updated(), pull.unchanged(), pull.skipped(), pull.failed(), pull.notCopied(),
                push.read(), push.created(), push.updated(), push.unchanged(), push.skipped(), push.failed(), push.notCopied(),
                p.runId());
    }

    public void close(RunProgress p, RunStatus status, String message, Instant endedAt) {
        saveCounts(p);
        jdbc.update("UPDATE sync_run SET status = ?, ended_at = ?, message = ? WHERE id = ?",
                status.name(), Db.utc(endedAt), truncate(message, 1000), p.runId());
        prune(p.module());
    }

    /** Marks a run that lost its node (no heartbeat, or the node restarted) as failed; true when it was still running. */
    public boolean abandon(long runId, String message) {
        return jdbc.update("UPDATE sync_run SET status = ?, ended_at = ?, message = ? WHERE id = ? AND status = ?",
                RunStatus.FAILED.name(), Db.utc(Db.now()), truncate(message, 1000), runId, RunStatus.RUNNING.name()) == 1;
    }

    /** The runs this node's history says are still going. */
    public List<Long> runningOn(String node) {
        return jdbc.queryForList("SELECT id FROM sync_run WHERE status = ? AND node = ?", Long.class,
                RunStatus.RUNNING.name(), node);
    }

    public void addError(long runId, Flow flow, EntryKind kind, String recordId, String field,
            String reason, String excerpt) {
        jdbc.update("INSERT INTO sync_run_error (run_id, flow, kind, record_id, field, reason, excerpt, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                runId, flow.name(), kind.name(), truncate(recordId, 40), truncate(field, 120),
                truncate(reason == null ? "unknown error" : reason, 1000), truncate(excerpt, 1000), Db.utc(Db.now()));
    }

    /**
     * A field both sides changed since the last sync, as the conflict policy settled it: the common
     * base, each side's value and the side whose value was kept.
     */
    public void addConflict(long runId, String crmId, String field, String reason, String base, String crm,
            String inventory, String winner) {
        jdbc.update("INSERT INTO sync_run_error (run_id, flow, kind, record_id, field, reason, base_value, crm_value,"
                        + " inventory_value, winner, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                runId, Flow.PULL.name(), EntryKind.CONFLICT.name(), truncate(crmId, 40), truncate(field, 120),
                truncate(reason, 1000), truncate(base, 1000), truncate(crm, 1000), truncate(inventory, 1000), winner,
                Db.utc(Db.now()));
    }

    public Optional<RunSummary> get(long runId) {
        List<RunSummary> rows = jdbc.query(SELECT_RUN + " WHERE r.id = ?", ROW, runId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The last runs of a module, newest first. */
    public List<RunSummary> history(SyncModule module, int limit) {
        return jdbc.query(SELECT_RUN + " WHERE r.module = ? ORDER BY r.id DESC LIMIT ?", ROW, module.id(), limit);
    }

    public List<RunError> errors(long runId, Flow flow) {
        if (flow == null) {
            return jdbc.query("SELECT * FROM sync_run_error WHERE run_id = ? ORDER BY id", ERROR_ROW, runId);
        }
        return jdbc.query("SELECT * FROM sync_run_error WHERE run_id = ? AND flow = ? ORDER BY id",
                ERROR_ROW, runId, flow.name());
    }

    private void prune(SyncModule module) {
        List<Long> keep = jdbc.queryForList("SELECT id FROM sync_run WHERE module = ? ORDER BY id DESC LIMIT 1 OFFSET ?",
                Long.class, module.id(), HISTORY_SIZE - 1);
        if (keep.isEmpty()) {
            return;
        }
        long oldestKept = keep.get(0);
        jdbc.update("DELETE FROM sync_run_error WHERE run_id IN (SELECT id FROM sync_run WHERE module = ? AND id < ?)",
                module.id(), oldestKept);
        jdbc.update("DELETE FROM sync_run WHERE module = ? AND id < ?", module.id(), oldestKept);
    }

    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
