package io.crminventorysync.sync;

import io.crminventorysync.http.Redaction;
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
            RunStatus.valueOf(rs.getString("status")), rs.getBoolean("full_pass"), rs.getBoolean("dry_run"), rs.getString("node"),
            Db.instant(rs, "started_at"), Db.instant(rs, "ended_at"),
            counts(rs, "pull_"), counts(rs, "push_"),
            rs.getInt("pull_errors"), rs.getInt("push_errors"), rs.getInt("conflicts"), rs.getString("message"));

    private static final RowMapper<RunError> ERROR_ROW = (rs, i) -> new RunError(
            rs.getLong("id"), rs.getLong("run_id"), rs.getString("module") == null ? null : SyncModule.of(rs.getString("module")),
            // only an error is on the worklist; a note (a duplicate skipped, a conflict settled) has no state
            EntryKind.ERROR.name().equals(rs.getString("kind")) ? RunError.ErrorState.valueOf(rs.getString("state")) : null,
            Flow.valueOf(rs.getString("flow")),
            EntryKind.valueOf(rs.getString("kind")),
            rs.getString("record_type") == null ? null : RecordType.valueOf(rs.getString("record_type")),
            rs.getString("record_id"), rs.getString("record_name"), rs.getString("field"),
            rs.getString("reason"), rs.getString("excerpt"), rs.getString("base_value"), rs.getString("crm_value"),
            rs.getString("inventory_value"), rs.getString("winner"), Db.instant(rs, "created_at"),
            rs.getString("resolved_by"), Db.instant(rs, "resolved_at"), rs.getString("resolution_note"));

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
        return open(module, RunRequest.of(trigger), node, startedAt);
    }

    public long open(SyncModule module, RunRequest request, String node, Instant startedAt) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "INSERT INTO sync_run (module, trigger_type, status, node, started_at, full_pass, dry_run)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, module.id());
            ps.setString(2, request.trigger().name());
            ps.setString(3, RunStatus.RUNNING.name());
            ps.setString(4, node);
            ps.setObject(5, Db.utc(startedAt));
            ps.setBoolean(6, request.full());
            ps.setBoolean(7, request.dryRun());
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
                status.name(), Db.utc(endedAt), truncate(Redaction.redact(message), 1000), p.runId());
        if (status != RunStatus.FAILED && p.movesCursors()) {
            // The module's records were handled again (failed ones are re-read until a run succeeds):
            // the errors of earlier runs leave the worklist; a record that failed again has a new one.
            jdbc.update("UPDATE sync_run_error SET state = ? WHERE module = ? AND state = ? AND run_id < ?",
                    RunError.ErrorState.RETRIED.name(), p.module().id(), RunError.ErrorState.OPEN.name(), p.runId());
        }
        prune(p.module());
    }

    /**
     * Folds a closed notification run into the module's entry just before it when that entry is a
     * notification run that started within {@code window} of this one: its counts are added, its
     * history entries moved, and this run's row removed. Returns the run folded into, or null when
     * this run stays an entry of its own. Runs of a module never overlap (the module lock), so the
     * entry before is closed.
     */
    public Long fold(RunProgress p, java.time.Duration window) {
        List<RunSummary> before = jdbc.query(SELECT_RUN + " WHERE r.module = ? AND r.id < ? ORDER BY r.id DESC LIMIT 1",
                ROW, p.module().id(), p.runId());
        if (before.isEmpty()) {
            return null;
        }
        RunSummary prev = before.get(0);
        if (prev.trigger() != Trigger.NOTIFICATION || prev.status() == RunStatus.RUNNING || prev.startedAt() == null
                || prev.startedAt().isBefore(p.startedAt().minus(window))) {
            return null;
        }
        RunSummary.Counts pull = p.counts(Flow.PULL);
        RunSummary.Counts push = p.counts(Flow.PUSH);
        jdbc.update("UPDATE sync_run SET pull_read = pull_read + ?, pull_created = pull_created + ?,"
                        + " pull_updated = pull_updated + ?, pull_unchanged = pull_unchanged + ?, pull_skipped = pull_skipped + ?,"
                        + " pull_failed = pull_failed + ?, pull_not_copied = pull_not_copied + ?, push_read = push_read + ?,"
                        + " push_created = push_created + ?, push_updated = push_updated + ?, push_unchanged = push_unchanged + ?,"
                        + " push_skipped = push_skipped + ?, push_failed = push_failed + ?, push_not_copied = push_not_copied + ?,"
                        + " ended_at = ? WHERE id = ?",
                pull.read(), pull.created(), pull.updated(), pull.unchanged(), pull.skipped(), pull.failed(), pull.notCopied(),
                push.read(), push.created(), push.updated(), push.unchanged(), push.skipped(), push.failed(), push.notCopied(),
                Db.utc(Db.now()), prev.id());
        jdbc.update("UPDATE sync_run_error SET run_id = ? WHERE run_id = ?", prev.id(), p.runId());
        jdbc.update("DELETE FROM sync_run WHERE id = ?", p.runId());
        return prev.id();
    }

    // ---------------------------------------------------------------- the worklist

    /** One page of a module's error entries, newest first; {@code q} finds a record by name, CRM id or Inventory id. */
    public List<RunError> worklist(SyncModule module, RunError.ErrorState state, String q, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT * FROM sync_run_error WHERE module = ? AND kind = 'ERROR'");
        List<Object> args = new java.util.ArrayList<>(List.of(module.id()));
        worklistFilter(sql, args, state, q);
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        args.add(size);
        args.add(page * size);
        return jdbc.query(sql.toString(), ERROR_ROW, args.toArray());
    }

    public int worklistCount(SyncModule module, RunError.ErrorState state, String q) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM sync_run_error WHERE module = ? AND kind = 'ERROR'");
        List<Object> args = new java.util.ArrayList<>(List.of(module.id()));
        worklistFilter(sql, args, state, q);
        Integer n = jdbc.queryForObject(sql.toString(), Integer.class, args.toArray());
        return n == null ? 0 : n;
    }

    private static void worklistFilter(StringBuilder sql, List<Object> args, RunError.ErrorState state, String q) {
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.name());
        }
        if (q != null && !q.isBlank()) {
            sql.append(" AND (record_id = ? OR LOWER(record_name) LIKE ?)");
            args.add(q.trim());
            args.add("%" + q.trim().toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%");
        }
    }

    public Optional<RunError> error(long id) {
        List<RunError> rows = jdbc.query("SELECT * FROM sync_run_error WHERE id = ?", ERROR_ROW, id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The OPEN errors of a module, oldest first (what a retry of them all reads again). */
    public List<RunError> openErrors(SyncModule module) {
        return jdbc.query("SELECT * FROM sync_run_error WHERE module = ? AND kind = 'ERROR' AND state = ? ORDER BY id",
                ERROR_ROW, module.id(), RunError.ErrorState.OPEN.name());
    }

    /** Moves OPEN errors to another state (RETRIED when a retry run takes them, RESOLVED by an operator). */
    public int setState(List<Long> ids, RunError.ErrorState state, String by, String note) {
        int n = 0;
        for (Long id : ids) {
            n += jdbc.update("UPDATE sync_run_error SET state = ?, resolved_by = ?, resolved_at = ?, resolution_note = ?"
                            + " WHERE id = ? AND state = ?", state.name(), by,
                    state == RunError.ErrorState.RESOLVED ? Db.utc(Db.now()) : null, truncate(note, 1000), id,
                    RunError.ErrorState.OPEN.name());
        }
        return n;
    }

    // ---------------------------------------------------------------- a preview's plan

    /** One planned action of a preview run. */
    public record PlanEntry(long id, long runId, Flow flow, String action, String crmId, String inventoryId,
            String recordName, String changes, String reason) {
    }

    public void addPlan(long runId, Flow flow, String action, String crmId, String inventoryId, String recordName,
            String changes, String reason) {
        jdbc.update("INSERT INTO sync_plan (run_id, flow, action, crm_id, inventory_id, record_name, changes, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", runId, flow.name(), action, truncate(crmId, 40),
                truncate(inventoryId, 40), truncate(recordName, 255), truncate(changes, 4000), truncate(reason, 1000));
    }

    public List<PlanEntry> plan(long runId, int page, int size) {
        return jdbc.query("SELECT * FROM sync_plan WHERE run_id = ? ORDER BY id LIMIT ? OFFSET ?", (rs, i) -> new PlanEntry(
                rs.getLong("id"), rs.getLong("run_id"), Flow.valueOf(rs.getString("flow")), rs.getString("action"),
                rs.getString("crm_id"), rs.getString("inventory_id"), rs.getString("record_name"), rs.getString("changes"),
                rs.getString("reason")), runId, size, page * size);
    }

    public int planCount(long runId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM sync_plan WHERE run_id = ?", Integer.class, runId);
        return n == null ? 0 : n;
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
        addError(runId, flow, kind, recordId, null, field, reason, excerpt);
    }

    /** One entry of a run's history, with the record's name (searchable in the module's worklist). */
    public void addError(long runId, Flow flow, EntryKind kind, String recordId, String recordName, String field,
            String reason, String excerpt) {
        addError(runId, flow, kind, null, recordId, recordName, field, reason, excerpt);
    }

    /** As above, with the record's type (a retry of an accounts error reads the record's whole group). */
    public void addError(long runId, Flow flow, EntryKind kind, RecordType type, String recordId, String recordName,
            String field, String reason, String excerpt) {
        jdbc.update("INSERT INTO sync_run_error (run_id, module, flow, kind, record_type, record_id, record_name, field,"
                        + " reason, excerpt, state, created_at) SELECT r.id, r.module, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + " FROM sync_run r WHERE r.id = ?",
                flow.name(), kind.name(), type == null ? null : type.name(), truncate(recordId, 40),
                truncate(recordName, 255), truncate(field, 120),
                truncate(reason == null ? "unknown error" : Redaction.redact(reason), 1000), truncate(excerpt, 1000),
                kind == EntryKind.ERROR ? RunError.ErrorState.OPEN.name() : RunError.ErrorState.RETRIED.name(),
                Db.utc(Db.now()), runId);
    }

    /**
     * A field both sides changed since the last sync, as the conflict policy settled it: the common
     * base, each side's value and the side whose value was kept.
     */
    public void addConflict(long runId, String crmId, String field, String reason, String base, String crm,
            String inventory, String winner) {
        jdbc.update("INSERT INTO sync_run_error (run_id, module, flow, kind, record_id, field, reason, base_value, crm_value,"
                        + " inventory_value, winner, state, created_at) SELECT r.id, r.module, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + " FROM sync_run r WHERE r.id = ?",
                Flow.PULL.name(), EntryKind.CONFLICT.name(), truncate(crmId, 40), truncate(field, 120),
                truncate(Redaction.redact(reason), 1000), truncate(base, 1000), truncate(crm, 1000), truncate(inventory, 1000), winner,
                RunError.ErrorState.RETRIED.name(), Db.utc(Db.now()), runId);
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
        // An OPEN error stays in the worklist until it is retried or resolved, with its run.
        jdbc.update("DELETE FROM sync_run_error WHERE state <> 'OPEN' AND run_id IN"
                + " (SELECT id FROM sync_run WHERE module = ? AND id < ?)", module.id(), oldestKept);
        jdbc.update("DELETE FROM sync_plan WHERE run_id IN (SELECT id FROM sync_run WHERE module = ? AND id < ?)",
                module.id(), oldestKept);
        jdbc.update("DELETE FROM sync_run WHERE module = ? AND id < ? AND NOT EXISTS"
                + " (SELECT 1 FROM sync_run_error e WHERE e.run_id = sync_run.id)", module.id(), oldestKept);
    }

    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
