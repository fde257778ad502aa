package io.crminventorysync.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The calls the cluster made, by API and minute ({@code sync_api_usage}), for the rolling 24 hours
 * of the daily budgets: what {@link ApiBudget} counts and sums. Rows older than a day are pruned.
 */
final class ApiUsage {

    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;
    /** Calls no daily limit counts on are added to the database at most this often (or every 100 calls). */
    private static final long FLUSH_MILLIS = 1_000;

    /** Calls made by this node and not yet added to sync_api_usage. */
    private static final class Pending {
        private long calls;
        private long since = System.currentTimeMillis();
    }

    private final JdbcTemplate jdbc;
    private final Map<ZohoApi, Pending> pending = new ConcurrentHashMap<>();
    private volatile long lastPrunedMinute;

    ApiUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One call made (no daily limit counts on it): gathered and added to the database at most once a
     * second or every 100 calls, which the rolling 24 hours do not notice.
     */
    void count(ZohoApi api) {
        Pending p = pending.computeIfAbsent(api, a -> new Pending());
        long calls;
        synchronized (p) {
            p.calls++;
            if (p.calls < 100 && System.currentTimeMillis() - p.since < FLUSH_MILLIS) {
                return;
            }
            calls = p.calls;
            p.calls = 0;
            p.since = System.currentTimeMillis();
        }
        add(api, calls);
    }

    void flush(ZohoApi api) {
        Pending p = pending.get(api);
        if (p == null) {
            return;
        }
        long calls;
        synchronized (p) {
            calls = p.calls;
            p.calls = 0;
            p.since = System.currentTimeMillis();
        }
        if (calls > 0) {
            add(api, calls);
        }
    }

    void add(ZohoApi api, long calls) {
        long now = System.currentTimeMillis();
        long minute = now - now % MINUTE;
        jdbc.update("INSERT INTO sync_api_usage (api, minute_start, calls) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE calls = calls + ?", api.tag(), minute, calls, calls);
        if (minute != lastPrunedMinute) {
            lastPrunedMinute = minute;
            jdbc.update("DELETE FROM sync_api_usage WHERE minute_start < ?", now - DAY - 2 * MINUTE);
        }
    }

    long used(ZohoApi api, long since) {
        Long n = jdbc.queryForObject("SELECT COALESCE(SUM(calls), 0) FROM sync_api_usage WHERE api = ? AND minute_start > ?",
                Long.class, api.tag(), since - MINUTE);
        return n == null ? 0 : n;
    }
}
