package io.crminventorysync.sync;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who changed what through the control plane: settings saved, modules paused and resumed, syncs
 * started, the transaction modules switched, errors retried or resolved, pairs unlinked, previews. Generic: an
 * actor, an action, the module, the thing acted on and a free detail, kept in {@code sync_audit} and
 * shared by every node. Read newest first, a page at a time ({@code GET /api/audit}).
 */
@Component
public class AuditLog {

    public static final String SETTINGS_SAVED = "SETTINGS_SAVED";
    public static final String PAUSED = "PAUSED";
    public static final String RESUMED = "RESUMED";
    public static final String SYNC_STARTED = "SYNC_STARTED";
    public static final String TRANSACTION_MODULES_SWITCHED = "TRANSACTION_MODULES_SWITCHED";
    public static final String ERROR_RETRIED = "ERROR_RETRIED";
    public static final String ERROR_RESOLVED = "ERROR_RESOLVED";
    public static final String PAIR_UNLINKED = "PAIR_UNLINKED";
    public static final String PREVIEW_STARTED = "PREVIEW_STARTED";
    public static final String MAPPING_SAVED = "MAPPING_SAVED";

    /** The largest page {@link #page} returns. */
    public static final int MAX_PAGE_SIZE = 200;

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** One thing someone did. {@code module}, {@code target} and {@code detail} may be null. */
    public record Entry(long id, Instant at, String actor, String action, String module, String target, String detail) {
    }

    /** A page of the log, newest first; {@code page} counts from 0. */
    public record Page(int page, int size, long total, List<Entry> entries) {
    }

    private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(rs.getLong("id"), Db.instant(rs, "occurred_at"),
            rs.getString("actor"), rs.getString("action"), rs.getString("module"), rs.getString("target"),
            rs.getString("detail"));

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records one action, now. Every argument is cut to its column; none may carry a secret. */
    public void record(String actor, String action, String module, String target, String detail) {
        jdbc.update("INSERT INTO sync_audit (occurred_at, actor, action, module, target, detail) VALUES (?, ?, ?, ?, ?, ?)",
                Db.utc(Db.now()), RunStore.truncate(actor == null || actor.isBlank() ? "unknown" : actor, 120),
                RunStore.truncate(action, 40), RunStore.truncate(module, 32), RunStore.truncate(target, 255),
                RunStore.truncate(detail, 1000));
        log.info("Audit: {} {}{}{}{}", actor, action, module == null ? "" : " " + module,
                target == null ? "" : " " + target, detail == null ? "" : " (" + detail + ")");
    }

    /** The page {@code page} (from 0) of {@code size} entries (1 to {@link #MAX_PAGE_SIZE}), newest first. */
    public Page page(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size 1 to " + MAX_PAGE_SIZE);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM sync_audit", Long.class);
        List<Entry> entries = jdbc.query("SELECT * FROM sync_audit ORDER BY id DESC LIMIT ? OFFSET ?", ROW,
                size, (long) page * size);
        return new Page(page, size, total == null ? 0 : total, entries);
    }

    /**
     * Who is calling over JMX: the operator logged in to Jolokia (Hawtio) when the call came that way,
     * else {@code jmx} (a local JMX console, which has no login of ours).
     */
    public static String jmxActor() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who != null && who.isAuthenticated() && who.getName() != null && !"anonymousUser".equals(who.getName())
                ? who.getName() + " (JMX)" : "jmx";
    }
}
