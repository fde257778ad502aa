package io.crminventorysync.http;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.mysql.Bucket4jMySQL;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Zoho API budget, one for the organization, shared by every module on every node through the
 * database:
 * <ul>
 * <li>Inventory's requests a minute: a Bucket4j bucket kept in {@code sync_api_bucket} and taken
 * under {@code SELECT ... FOR UPDATE}. Its capacity (the burst) is a fiftieth of the limit and it
 * refills with the rest each minute, so no 60 seconds ever see more calls than the limit, while the
 * pace stays within 2 % of it. A node takes its calls a lease at a time (one call at Zoho's 100 a
 * minute; more when the limit is raised), so the database is asked at most about ten times a second.</li>
 * <li>Inventory's calls a day: counted by minute in {@code sync_api_usage}; with
 * {@code sync.inventory.daily-limit} set, a lease that would pass it in the last 24 hours is refused,
 * and so is every call until enough of them have left the window.</li>
 * <li>Inventory's own refusal for the day (code 45), and CRM's credits down to
 * {@code sync.crm.credit-reserve} (its X-API-CREDITS-REMAINING header): every node stops calling that
 * API for a while ({@code sync_api_state}), instead of collecting refusals.</li>
 * </ul>
 * A spent daily budget is a {@link Kind#DAILY_LIMIT} failure: the run stops cleanly and the next runs
 * carry on from where it stopped.
 */
@Component
public class ApiBudget {

    private static final Logger log = LoggerFactory.getLogger(ApiBudget.class);

    /** CRM's header of the credits left in its rolling 24 hours (sent once half of them are used). */
    public static final String CREDITS_REMAINING = "X-API-CREDITS-REMAINING";
    /** With the credits down to the reserve, CRM is tried again this long after it last said so. */
    static final Duration CRM_RECHECK = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);
    private static final long MINUTE = 60_000;

    /** What the budget looks like now (GET /api/modules, metrics). */
    public record Snapshot(InventoryBudget inventory, CrmBudget crm) {
    }

    /** {@code remainingToday} and {@code dailyLimit} are null without sync.inventory.daily-limit. */
    public record InventoryBudget(int requestsPerMinute, long callsLast24h, Integer dailyLimit, Long remainingToday,
            Instant blockedUntil, String blockedReason) {
    }

    /** {@code creditsRemaining} is null until CRM tells it (from half of the credits used on). */
    public record CrmBudget(long callsLast24h, Long creditsRemaining, Instant creditsObservedAt, long creditReserve,
            Instant blockedUntil, String blockedReason) {
    }

    private record State(Long creditsRemaining, Long observedAt, Long blockedUntil, String blockedReason) {
    }


    private static final class Lease {
        private long tokens;
    }

    private record BucketKey(String organization, int limit) {
    }

    private final ProxyManager<String> buckets;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SyncProperties properties;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Map<BucketKey, BucketProxy> proxies = new ConcurrentHashMap<>();
    private final ApiUsage usage;
    private volatile Snapshot shown;
    private volatile long shownAt;

    public ApiBudget(DataSource dataSource, SyncProperties properties, MeterRegistry registry) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.usage = new ApiUsage(jdbc);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.properties = properties;
        this.buckets = Bucket4jMySQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("sync_api_bucket").idColumn("id").stateColumn("state").build();
        Gauge.builder("zoho.api.budget.remaining", this, b -> orNaN(b.cachedSnapshot().inventory().remainingToday()))
                .description("Inventory calls left in the rolling 24 hours under sync.inventory.daily-limit (NaN: no limit set)")
                .tag("api", ZohoApi.INVENTORY.tag()).register(registry);
        Gauge.builder("zoho.api.budget.remaining", this, b -> orNaN(b.cachedSnapshot().crm().creditsRemaining()))
                .description("CRM API credits left, as CRM last said (NaN: not said yet, more than half left)")
                .tag("api", ZohoApi.CRM.tag()).register(registry);
        Gauge.builder("zoho.api.calls.last24h", this, b -> b.cachedSnapshot().inventory().callsLast24h())
                .description("Calls made by the cluster in the last 24 hours").tag("api", ZohoApi.INVENTORY.tag()).register(registry);
        Gauge.builder("zoho.api.calls.last24h", this, b -> b.cachedSnapshot().crm().callsLast24h())
                .description("Calls made by the cluster in the last 24 hours").tag("api", ZohoApi.CRM.tag()).register(registry);
    }

    /**
     * Before a call: its share of the budget. Inventory: blocks until the organization's bucket gives
     * a call (interrupt: CANCELLED); both: {@link Kind#DAILY_LIMIT} when a daily budget is spent.
     */
    public void acquire(ZohoApi api, String organization, String context) {
        if (api == ZohoApi.OAUTH) {
            return;
        }
        notBlocked(api, context);
        if (api == ZohoApi.INVENTORY && properties.getInventory().getDailyLimit() > 0) {
            withinDailyLimit(context);
        } else {
            usage.count(api);
        }
        if (api == ZohoApi.INVENTORY) {
            inventoryCall(organization == null ? "" : organization, context);
        }
    }

    /** After an answer: what it says of the daily budget (CRM's remaining credits). */
    public void answered(ZohoApi api, HttpHeaders headers) {
        if (api != ZohoApi.CRM) {
            return;
        }
        Long remaining = headers.firstValue(CREDITS_REMAINING).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
        State known = state(ZohoApi.CRM);
        if (remaining == null && known.creditsRemaining() == null) {
            return;
        }
        long now = System.currentTimeMillis();
        jdbc.update("INSERT INTO sync_api_state (api, credits_remaining, observed_at) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE credits_remaining = ?, observed_at = ?", ZohoApi.CRM.tag(), remaining, now,
                remaining, now);
        long reserve = properties.getCrm().getCreditReserve();
        if (remaining != null && remaining <= reserve) {
            log.warn("CRM says {} API credits remain in its 24 hours, the reserve is {} (sync.crm.credit-reserve):"
                    + " no CRM call for {} minutes", remaining, reserve, CRM_RECHECK.toMinutes());
        }
    }

    /**
     * The API refused a call for the day (Inventory's code 45): no node calls it until the pause is
     * over. Returns the failure to throw.
     */
    public ZohoApiException refusedForTheDay(ZohoApi api, String context, int status, String code, String message) {
        Duration pause = properties.getInventory().getDailyLimitPause();
        long until = System.currentTimeMillis() + pause.toMillis();
        String reason = api.displayName() + " refused a call for the day (" + (message == null ? "code " + code : message) + ")";
        block(api, until, reason);
        log.warn("{}; no {} call until {}", reason, api.displayName(), Instant.ofEpochMilli(until));
        return new ZohoApiException(Kind.DAILY_LIMIT, api, context, status, code,
                reason + "; calls resume at " + Instant.ofEpochMilli(until), null);
    }

    /** The budget as it is now, read from the database. */
    public Snapshot snapshot() {
        usage.flush(ZohoApi.INVENTORY);
        usage.flush(ZohoApi.CRM);
        long now = System.currentTimeMillis();
        long since = now - DAY.toMillis();
        long inventoryCalls = usage.used(ZohoApi.INVENTORY, since);
        long crmCalls = usage.used(ZohoApi.CRM, since);
        State inv = state(ZohoApi.INVENTORY);
        State crm = state(ZohoApi.CRM);
        int daily = properties.getInventory().getDailyLimit();
        Snapshot s = new Snapshot(
                new InventoryBudget(properties.getInventory().getRequestsPerMinute(), inventoryCalls,
                        daily > 0 ? daily : null, daily > 0 ? Math.max(0, daily - inventoryCalls) : null,
                        blockedUntil(inv, now), blockedUntil(inv, now) == null ? null : inv.blockedReason()),
                new CrmBudget(crmCalls, crm.creditsRemaining(), crm.observedAt() == null ? null
                        : Instant.ofEpochMilli(crm.observedAt()), properties.getCrm().getCreditReserve(),
                        crmBlockedUntil(crm, now), crmBlockedUntil(crm, now) == null ? null : crmReason(crm)));
        shown = s;
        shownAt = now;
        return s;
    }

    private Snapshot cachedSnapshot() {
        Snapshot s = shown;
        return s != null && System.currentTimeMillis() - shownAt < 5_000 ? s : snapshot();
    }

    // ---------------------------------------------------------------- Inventory

    private void inventoryCall(String organization, String context) {
        Lease lease = leases.computeIfAbsent(organization, o -> new Lease());
        synchronized (lease) {
            if (lease.tokens == 0) {
                int limit = properties.getInventory().getRequestsPerMinute();
                long granted = leaseSize(limit);
                try {
                    bucket(organization, limit).asBlocking().consume(granted);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Backoff.cancelled(ZohoApi.INVENTORY, context, e);
                }
                lease.tokens = granted;
            }
            lease.tokens--;
        }
    }

    /** Calls a node takes from the shared bucket at once: one at Zoho's pace, a few hundredths of a minute's worth when raised. */
    static long leaseSize(int requestsPerMinute) {
        return Math.max(1, requestsPerMinute / 600);
    }

    /**
     * The bucket of a limit: capacity a fiftieth of it (at least one call), refilled with the rest each
     * minute, so that capacity plus a minute's refill never passes the limit.
     */
    static BucketConfiguration configuration(int requestsPerMinute) {
        long capacity = Math.max(1, requestsPerMinute / 50);
        long refill = Math.max(1, requestsPerMinute - capacity);
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(refill, Duration.ofMinutes(1)))
                .build();
    }

    private BucketProxy bucket(String organization, int limit) {
        return proxies.computeIfAbsent(new BucketKey(organization, limit), k -> buckets.builder()
                // a changed limit (settings, a test raising it) starts the bucket afresh
                .withImplicitConfigurationReplacement(limit, TokensInheritanceStrategy.RESET)
                .build("inventory:" + organization, () -> configuration(limit)));
    }

    /**
     * With a daily limit: the call is counted if the limit allows it, checked and counted under a
     * lock on Inventory's row of sync_api_state, so that nodes taking the day's last calls at once
     * take exactly what is left. A call the limit no longer allows makes the cluster stop calling
     * Inventory until enough calls have left the 24 hours, and fails with DAILY_LIMIT.
     */
    private void withinDailyLimit(String context) {
        int daily = properties.getInventory().getDailyLimit();
        long now = System.currentTimeMillis();
        jdbc.update("INSERT IGNORE INTO sync_api_state (api) VALUES (?)", ZohoApi.INVENTORY.tag());
        Long counted = tx.execute(status -> {
            jdbc.queryForList("SELECT api FROM sync_api_state WHERE api = ? FOR UPDATE", ZohoApi.INVENTORY.tag());
            long n = usage.used(ZohoApi.INVENTORY, now - DAY.toMillis());
            if (n < daily) {
                usage.add(ZohoApi.INVENTORY, 1);
                return null;
            }
            return n;
        });
        if (counted == null) {
            return;
        }
        long used = counted;
        long until = freedAt(now, used - daily + 1);
        String reason = "Inventory daily limit of " + daily + " calls reached (sync.inventory.daily-limit): " + used
                + " calls in the last 24 hours";
        block(ZohoApi.INVENTORY, until, reason);
        log.warn("{}; no Inventory call until {}", reason, Instant.ofEpochMilli(until));
        throw new ZohoApiException(Kind.DAILY_LIMIT, ZohoApi.INVENTORY, context, 0, null,
                reason + "; calls resume at " + Instant.ofEpochMilli(until), null);
    }

    /** When the oldest {@code calls} of the window have left it. */
    private long freedAt(long now, long calls) {
        List<Map<String, Object>> minutes = jdbc.queryForList("SELECT minute_start, calls FROM sync_api_usage"
                + " WHERE api = ? AND minute_start > ? ORDER BY minute_start", ZohoApi.INVENTORY.tag(), now - DAY.toMillis() - MINUTE);
        long freed = 0;
        for (Map<String, Object> m : minutes) {
            freed += ((Number) m.get("calls")).longValue();
            if (freed >= calls) {
                return ((Number) m.get("minute_start")).longValue() + DAY.toMillis() + MINUTE;
            }
        }
        return now + MINUTE;
    }

    // ---------------------------------------------------------------- shared state

    private void notBlocked(ZohoApi api, String context) {
        long now = System.currentTimeMillis();
        State s = state(api);
        Long until = api == ZohoApi.CRM ? toMillis(crmBlockedUntil(s, now)) : toMillis(blockedUntil(s, now));
        if (until != null) {
            String reason = api == ZohoApi.CRM && crmReason(s) != null ? crmReason(s) : s.blockedReason();
            throw new ZohoApiException(Kind.DAILY_LIMIT, api, context, 0, null,
                    reason + "; no " + api.displayName() + " call until " + Instant.ofEpochMilli(until), null);
        }
    }

    private static Instant blockedUntil(State s, long now) {
        return s.blockedUntil() != null && s.blockedUntil() > now ? Instant.ofEpochMilli(s.blockedUntil()) : null;
    }

    /** CRM: blocked by a refusal, or by its remaining credits at the reserve until an hour after it said so. */
    private Instant crmBlockedUntil(State s, long now) {
        Instant refused = blockedUntil(s, now);
        if (refused != null) {
            return refused;
        }
        if (s.creditsRemaining() != null && s.observedAt() != null
                && s.creditsRemaining() <= properties.getCrm().getCreditReserve()
                && s.observedAt() + CRM_RECHECK.toMillis() > now) {
            return Instant.ofEpochMilli(s.observedAt() + CRM_RECHECK.toMillis());
        }
        return null;
    }

    private String crmReason(State s) {
        if (s.creditsRemaining() != null && s.creditsRemaining() <= properties.getCrm().getCreditReserve()) {
            return "CRM API credits down to " + s.creditsRemaining() + ", the reserve is "
                    + properties.getCrm().getCreditReserve() + " (sync.crm.credit-reserve)";
        }
        return s.blockedReason();
    }

    private static Long toMillis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    /** What the cluster knows of an API's daily budget: read on every call (a primary-key read), so a stop holds at once everywhere. */
    private State state(ZohoApi api) {
        List<State> rows = jdbc.query("SELECT credits_remaining, observed_at, blocked_until, blocked_reason FROM sync_api_state"
                + " WHERE api = ?", (rs, i) -> new State(rs.getObject("credits_remaining", Long.class),
                rs.getObject("observed_at", Long.class), rs.getObject("blocked_until", Long.class),
                rs.getString("blocked_reason")), api.tag());
        return rows.isEmpty() ? new State(null, null, null, null) : rows.get(0);
    }

    private void block(ZohoApi api, long until, String reason) {
        String cut = reason.length() > 500 ? reason.substring(0, 500) : reason;
        jdbc.update("INSERT INTO sync_api_state (api, blocked_until, blocked_reason) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE blocked_until = ?, blocked_reason = ?", api.tag(), until, cut, until, cut);
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }
}
