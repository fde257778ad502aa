package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.Flow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Where a module's next run starts reading, per direction. */
@Component
public class CursorStore {

    private final JdbcTemplate jdbc;

    public CursorStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instant> get(SyncModule module, Flow flow) {
        List<Instant> rows = jdbc.query("SELECT cursor_time FROM sync_cursor WHERE module = ? AND flow = ?",
                (rs, i) -> Db.instant(rs, "cursor_time"), module.id(), flow.name());
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public void set(SyncModule module, Flow flow, Instant cursor) {
        int n = jdbc.update("UPDATE sync_cursor SET cursor_time = ?, updated_at = ? WHERE module = ? AND flow = ?",
                Db.utc(cursor), Db.utc(Db.now()), module.id(), flow.name());
        if (n == 0) {
            try {
                jdbc.update("INSERT INTO sync_cursor (module, flow, cursor_time, updated_at) VALUES (?, ?, ?, ?)",
                        module.id(), flow.name(), Db.utc(cursor), Db.utc(Db.now()));
            } catch (DuplicateKeyException raced) {
                set(module, flow, cursor);
            }
        }
    }

    /** Forgets where a module was: its next run reads everything (the idempotent repository absorbs it). */
    public void reset(SyncModule module) {
        jdbc.update("DELETE FROM sync_cursor WHERE module = ?", module.id());
    }
}
