package io.crminventorysync.hooks;

import io.crminventorysync.config.NotificationSettings;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable queue of changed records (table sync_notification): one row per module, flow, source
 * and record. A record notified again before it is synced keeps its one row: its version moves on,
 * and it becomes due {@code debounce} after the last notification, but never later than
 * {@code max-delay} after the first, so a burst of edits is one write and a record edited without
 * pause is still synced. Rows are taken by a module's notification run, which holds the module's
 * cluster-wide lock, so two nodes never drain the same rows; a row is deleted only at the version the
 * run read, so a change that came in during the run is synced by the next one.
 */
@Component
public class NotificationQueue {

    /** One queued record. {@code source} is the Zoho module it came from (Accounts, Contacts, ..., contacts, items). */
    public record Entry(SyncModule module, Flow flow, String source, String recordId, boolean deleted, int version,
            long receivedAt, long dueAt, int attempts) {
    }

    /** Tries of one add that lost a deadlock before it fails (the hook then answers 500 and Zoho may resend). */
    static final int MAX_TRIES = 5;

    /** The longest a failed drain waits before it tries the same records again. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(SyncModule.of(rs.getString("module")),
            Flow.valueOf(rs.getString("flow")), rs.getString("source"), rs.getString("record_id"), rs.getBoolean("deleted"),
            rs.getInt("version"), rs.getLong("received_at"), rs.getLong("due_at"), rs.getInt("attempts"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final NotificationSettings settings;

    public NotificationQueue(JdbcTemplate jdbc, TransactionTemplate tx, SyncProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = properties.getNotifications();
    }

    /**
     * Queues the records in one transaction (all or none: the hook answers 200 only once they are
     * stored). A record already queued is not added again: it is debounced.
     */
    public void add(SyncModule module, Flow flow, String source, Collection<String> recordIds, boolean deleted, long now) {
        long debounceAt = now + settings.getDebounce().toMillis();
        long maxDelay = settings.getMaxDelay().toMillis();
        // one order for every writer, so two transactions never wait on each other's rows the other way round
        List<String> ids = recordIds.stream().distinct().sorted().toList();
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> {
                    for (String id : ids) {
                        if (!update(module, flow, source, id, deleted, debounceAt, maxDelay)) {
                            try {
                                jdbc.update("INSERT INTO sync_notification (module, flow, source, record_id, deleted, version,"
                                                + " received_at, due_at, attempts) VALUES (?, ?, ?, ?, ?, 1, ?, ?, 0)",
                                        module.id(), flow.name(), source, id, deleted, now, debounceAt);
                            } catch (DuplicateKeyException raced) {
                                // another request (a duplicate notification, another node) inserted it a moment ago
                                update(module, flow, source, id, deleted, debounceAt, maxDelay);
                            }
                        }
                    }
                });
                return;
            } catch (PessimisticLockingFailureException deadlock) {
                // InnoDB's gap locks can still make two inserts of new rows a deadlock: the loser is rolled back, try again
                if (attempt >= MAX_TRIES) {
                    throw deadlock;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw deadlock;
                }
            }
        }
    }

    private boolean update(SyncModule module, Flow flow, String source, String id, boolean deleted, long debounceAt,
            long maxDelay) {
        return jdbc.update("UPDATE sync_notification SET deleted = ?, version = version + 1,"
                        + " due_at = LEAST(?, received_at + ?) WHERE module = ? AND flow = ? AND source = ? AND record_id = ?",
                deleted, debounceAt, maxDelay, module.id(), flow.name(), source, id) > 0;
    }

    /** The modules with records due now. */
    public List<SyncModule> dueModules(long now) {
        return jdbc.queryForList("SELECT DISTINCT module FROM sync_notification WHERE due_at <= ?", String.class, now)
                .stream().map(SyncModule::of).sorted().toList();
    }

    /** A module's records due now, the longest waiting first, at most {@code limit}. */
    public List<Entry> due(SyncModule module, long now, int limit) {
        return jdbc.query("SELECT * FROM sync_notification WHERE module = ? AND due_at <= ? ORDER BY due_at, record_id LIMIT ?",
                ROW, module.id(), now, limit);
    }

    /** The records a run has synced leave the queue, unless they were notified again since they were read. */
    public int done(Collection<Entry> entries) {
        int n = 0;
        for (Entry e : entries) {
            n += jdbc.update("DELETE FROM sync_notification WHERE module = ? AND flow = ? AND source = ? AND record_id = ?"
                    + " AND version = ?", e.module().id(), e.flow().name(), e.source(), e.recordId(), e.version());
        }
        return n;
    }

    /**
     * The run could not sync them (the CRM was unreachable, the day's API budget was spent): they stay,
     * due again after a back-off that doubles with each attempt, up to {@link #MAX_BACKOFF}.
     */
    public void retryLater(Collection<Entry> entries, long now) {
        for (Entry e : entries) {
            jdbc.update("UPDATE sync_notification SET attempts = attempts + 1, due_at = ? WHERE module = ? AND flow = ?"
                    + " AND source = ? AND record_id = ?", now + backoff(e.attempts()).toMillis(), e.module().id(),
                    e.flow().name(), e.source(), e.recordId());
        }
    }

    static Duration backoff(int attempts) {
        long seconds = 5L << Math.min(attempts, 10);
        return seconds >= MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }

    /** Per module: how many records wait, and since when the oldest (epoch ms), for the API and health. */
    public Map<String, Map<String, Object>> depth() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (SyncModule m : SyncModule.values()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("queued", 0);
            d.put("oldestReceivedAt", null);
            out.put(m.id(), d);
        }
        jdbc.query("SELECT module, COUNT(*) AS n, MIN(received_at) AS oldest FROM sync_notification GROUP BY module", rs -> {
            Map<String, Object> d = out.get(rs.getString("module"));
            if (d != null) {
                d.put("queued", rs.getInt("n"));
                d.put("oldestReceivedAt", java.time.Instant.ofEpochMilli(rs.getLong("oldest")).toString());
            }
        });
        return out;
    }

    /** Every queued row (tests and the operator's view of a small queue). */
    public List<Entry> all() {
        return new ArrayList<>(jdbc.query("SELECT * FROM sync_notification ORDER BY module, due_at", ROW));
    }
}
