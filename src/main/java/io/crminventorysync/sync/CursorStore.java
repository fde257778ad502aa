package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.SyncDirection;
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

    public Optional<Instant> get(String module, SyncDirection direction) {
        List<Instant> rows = jdbc.query("SELECT cursor_time FROM sync_cursor WHERE module = ? AND direction = ?",
                (rs, i) -> Db.instant(rs, "cursor_time"), module, direction.name());
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public void set(String module, SyncDirection direction, Instant cursor) {
        int n = jdbc.update("UPDATE sync_cursor SET cursor_time = ?, updated_at = ? WHERE module = ? AND direction = ?",
                Db.utc(cursor), Db.utc(Db.now()), module, direction.name());
        if (n == 0) {
            try {
                jdbc.update("INSERT INTO sync_cursor (module, direction, cursor_time, updated_at) VALUES (?, ?, ?, ?)",
                        module, direction.name(), Db.utc(cursor), Db.utc(Db.now()));
            } catch (DuplicateKeyException raced) {
                set(module, direction, cursor);
            }
        }
    }

    /** Forgets where a module was: its next run reads everything (the idempotent repository absorbs it). */
    public void reset(String module) {
        jdbc.update("DELETE FROM sync_cursor WHERE module = ?", module);
    }
}
