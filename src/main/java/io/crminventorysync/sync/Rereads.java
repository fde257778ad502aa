package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.Flow;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records a module's next run reads again although they did not change: the two records of a pair an
 * operator unlinked, so that run treats both as new under the duplicate policy. Kept in the database
 * (every node's next run sees them); a run that succeeds removes exactly the ones it took. (Not "the
 * ones queued before it started": MySQL keeps these times to the second, rounded, so a record queued
 * in the second before a run could look queued after it and be read again by every run after.) A
 * node that dies before its run closes leaves them queued: the next run reads them again, harmlessly.
 */
@Component
public class Rereads {

    /** At most this many records are re-read by one run; the rest wait for the next. */
    public static final int MAX_PER_RUN = 10_000;

    private final JdbcTemplate jdbc;
    /** Per open run on this node: the ids it took, by flow. */
    private final Map<Long, Map<Flow, Set<String>>> taken = new ConcurrentHashMap<>();

    public Rereads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void queue(SyncModule module, Flow flow, String recordId) {
        jdbc.update("DELETE FROM sync_reread WHERE module = ? AND flow = ? AND record_id = ?", module.id(), flow.name(), recordId);
        jdbc.update("INSERT INTO sync_reread (module, flow, record_id, queued_at) VALUES (?, ?, ?, ?)", module.id(),
                flow.name(), recordId, Db.utc(Db.now()));
    }

    /**
     * The records of one side a run reads again (CRM ids for the pull, Inventory ids for the push),
     * remembered as the run's until it closes.
     */
    public Set<String> take(long runId, SyncModule module, Flow flow) {
        Set<String> ids = new LinkedHashSet<>(jdbc.queryForList("SELECT record_id FROM sync_reread WHERE module = ? AND flow = ?"
                + " ORDER BY queued_at LIMIT " + MAX_PER_RUN, String.class, module.id(), flow.name()));
        if (!ids.isEmpty()) {
            taken.computeIfAbsent(runId, r -> new ConcurrentHashMap<>()).put(flow, ids);
        }
        return ids;
    }

    /** After a run that succeeded: what it took was read. */
    public void done(long runId, SyncModule module) {
        Map<Flow, Set<String>> read = taken.remove(runId);
        if (read == null) {
            return;
        }
        read.forEach((flow, ids) -> jdbc.batchUpdate("DELETE FROM sync_reread WHERE module = ? AND flow = ? AND record_id = ?",
                ids.stream().map(id -> new Object[] {module.id(), flow.name(), id}).toList()));
    }

    /** After a run that did not succeed: what it took stays queued for the next. */
    public void forget(long runId) {
        taken.remove(runId);
    }
}
