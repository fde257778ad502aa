package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.Flow;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records a module's next run reads again although they did not change: the two records of a pair an
 * operator unlinked, so that run treats both as new under the duplicate policy. Kept in the database
 * (every node's next run sees them); a run that succeeds removes the ones queued before it started.
 */
@Component
public class Rereads {

    /** At most this many records are re-read by one run; the rest wait for the next. */
    public static final int MAX_PER_RUN = 10_000;

    private final JdbcTemplate jdbc;

    public Rereads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void queue(SyncModule module, Flow flow, String recordId) {
        jdbc.update("DELETE FROM sync_reread WHERE module = ? AND flow = ? AND record_id = ?", module.id(), flow.name(), recordId);
        jdbc.update("INSERT INTO sync_reread (module, flow, record_id, queued_at) VALUES (?, ?, ?, ?)", module.id(),
                flow.name(), recordId, Db.utc(Db.now()));
    }

    /** The records of one side the module's next run reads again (CRM ids for the pull, Inventory ids for the push). */
    public Set<String> ids(SyncModule module, Flow flow) {
        return new LinkedHashSet<>(jdbc.queryForList("SELECT record_id FROM sync_reread WHERE module = ? AND flow = ?"
                + " ORDER BY queued_at LIMIT " + MAX_PER_RUN, String.class, module.id(), flow.name()));
    }

    /** After a run that succeeded: the records queued before it started were read. */
    public void done(SyncModule module, Instant runStartedAt) {
        jdbc.update("DELETE FROM sync_reread WHERE module = ? AND queued_at < ?", module.id(), Db.utc(runStartedAt));
    }
}
