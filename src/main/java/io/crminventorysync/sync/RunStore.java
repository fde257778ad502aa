package io.crminventorysync.sync;

import io.crminventorysync.http.Redaction;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.SyncDirection;
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
            + " (SELECT COUNT(*) FROM sync_run_error e WHERE e.run_id = r.id AND e.direction = 'PULL' AND e.kind = 'ERROR') AS pull_errors,"
            + " (SELECT COUNT(*) FROM sync_run_error e WHERE e.run_id = r.id AND e.direction = 'PUSH' AND e.kind = 'ERROR') AS push_errors"
            + " FROM sync_run r";

    private static final RowMapper<RunSummary> ROW = (rs, i) -> new RunSummary(
            rs.getLong("id"), rs.getString("module"), Trigger.valueOf(rs.getString("trigger_type")),
            RunStatus.valueOf(rs.getString("status")), rs.getString("node"),
            Db.instant(rs, "started_at"), Db.instant(rs, "ended_at"),
            new RunSummary.Counts(rs.getInt("pull_read"), rs.getInt("pull_created"), rs.getInt("pull_updated"),
                    rs.getInt("pull_skipped"), rs.getInt("pull_failed")),
            new RunSummary.Counts(rs.getInt("push_read"), rs.getInt("push_created"), rs.getInt("push_updated"),
                    rs.getInt("push_skipped"), rs.getInt("push_failed")),
            rs.getInt("pull_errors"), rs.getInt("push_errors"), rs.getString("message"));

    private static final RowMapper<RunError> ERROR_ROW = (rs, i) -> new RunError(
            rs.getLong("id"), rs.getLong("run_id"), SyncDirection.valueOf(rs.getString("direction")),
            rs.getString("kind"), rs.getString("record_id"), rs.getString("field"), rs.getString("reason"),
            rs.getString("excerpt"), Db.instant(rs, "created_at"));

    private final JdbcTemplate jdbc;

    public RunStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long open(String module, Trigger trigger, String node, Instant startedAt) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "INSERT INTO sync_run (module, trigger_type, status, node, started_at) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, module);
            ps.setString(2, trigger.name());
            ps.setString(3, RunStatus.RUNNING.name());
            ps.setString(4, node);
            ps.setObject(5, Db.utc(startedAt));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    /** Writes the counts so far; called while a run goes on (progress) and when it closes. */
    public void saveCounts(RunProgress p) {
        RunSummary.Counts pull = p.counts(SyncDirection.PULL);
        RunSummary.Counts push = p.counts(SyncDirection.PUSH);
        jdbc.update("UPDATE sync_run SET pull_read = ?, pull_created = ?, pull_updated = ?, pull_skipped = ?, pull_failed = ?,"
                        + " push_read = ?, push_created = ?, push_updated = ?, push_skipped = ?, push_failed = ? WHERE id = ?",
                pull.read(), pull.created(), pull.updated(), pull.skipped(), pull.failed(),
                push.read(), push.created(), push.updated(), push.skipped(), push.failed(), p.runId());
    }

    public void close(RunProgress p, RunStatus status, String message, Instant endedAt) {
        saveCounts(p);
        jdbc.update("UPDATE sync_run SET status = ?, ended_at = ?, message = ? WHERE id = ?",
                status.name(), Db.utc(endedAt), truncate(Redaction.redact(message), 1000), p.runId());
        prune(p.module());
    }

    /** Marks a run that lost its node (no heartbeat) as failed, so the history tells the truth. */
    public void abandon(long runId, String message) {
        jdbc.update("UPDATE sync_run SET status = ?, ended_at = ?, message = ? WHERE id = ? AND status = ?",
                RunStatus.FAILED.name(), Db.utc(Db.now()), truncate(message, 1000), runId, RunStatus.RUNNING.name());
    }

    public void addError(long runId, SyncDirection direction, String kind, String recordId, String field,
            String reason, String excerpt) {
        jdbc.update("INSERT INTO sync_run_error (run_id, direction, kind, record_id, field, reason, excerpt, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                runId, direction.name(), kind, truncate(recordId, 40), truncate(field, 120),
                truncate(reason == null ? "unknown error" : Redaction.redact(reason), 1000), truncate(excerpt, 1000), Db.utc(Db.now()));
    }

    public Optional<RunSummary> get(long runId) {
        List<RunSummary> rows = jdbc.query(SELECT_RUN + " WHERE r.id = ?", ROW, runId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The last runs of a module, newest first. */
    public List<RunSummary> history(String module, int limit) {
        return jdbc.query(SELECT_RUN + " WHERE r.module = ? ORDER BY r.id DESC LIMIT ?", ROW, module, limit);
    }

    public List<RunError> errors(long runId, SyncDirection direction) {
        if (direction == null) {
            return jdbc.query("SELECT * FROM sync_run_error WHERE run_id = ? ORDER BY id", ERROR_ROW, runId);
        }
        return jdbc.query("SELECT * FROM sync_run_error WHERE run_id = ? AND direction = ? ORDER BY id",
                ERROR_ROW, runId, direction.name());
    }

    private void prune(String module) {
        List<Long> keep = jdbc.queryForList("SELECT id FROM sync_run WHERE module = ? ORDER BY id DESC LIMIT 1 OFFSET ?",
                Long.class, module, HISTORY_SIZE - 1);
        if (keep.isEmpty()) {
            return;
        }
        long oldestKept = keep.get(0);
        jdbc.update("DELETE FROM sync_run_error WHERE run_id IN (SELECT id FROM sync_run WHERE module = ? AND id < ?)",
                module, oldestKept);
        jdbc.update("DELETE FROM sync_run WHERE module = ? AND id < ?", module, oldestKept);
    }

    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
