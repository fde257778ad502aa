package io.crminventorysync.hooks;

import io.crminventorysync.config.NotificationSettings;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.crm.CrmWatch;
import io.crminventorysync.http.Redaction;
import io.crminventorysync.sync.SyncRuns;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The cluster's one CRM notification channel (table sync_notification_channel, row {@code crm}):
 * created with a random channel id and a random verification token (kept in the database, never
 * logged nor answered), subscribed for the create, edit and delete events of Accounts, Contacts,
 * Vendors and Products with notify_url = callback-url + /hooks/zoho/crm, renewed at half its life,
 * listed in CRM now and then to notice a channel Zoho dropped, subscribed again after any failure
 * (a 401 included), and disabled on a clean stop of the cluster's last node when configured.
 * Whichever node's check comes first does the work; a claim on the row keeps two nodes from
 * subscribing at once.
 */
@Component("notificationChannel")
public class NotificationChannel {

    /** What the channel is. LAPSED is shown, never stored: an ACTIVE channel past its expiry. */
    public enum State { NEW, ACTIVE, FAILED, DISABLED, LAPSED, OFF }

    /** The CRM modules watched, with the operations of the issue. */
    static final List<String> EVENTS;

    static {
        List<String> events = new ArrayList<>();
        for (String module : List.of("Accounts", "Contacts", "Vendors", "Products")) {
            for (String op : List.of("create", "edit", "delete")) {
                events.add(module + "." + op);
            }
        }
        EVENTS = List.copyOf(events);
    }

    private static final Logger log = LoggerFactory.getLogger(NotificationChannel.class);
    private static final String ROW = "crm";
    private static final long CLAIM_MS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Row(String channelId, String token, String notifyUrl, State state, Long expiresAt, Long subscribedAt,
            Long renewedAt, Long verifiedAt, String lastError, Long failedAt, Long receivedAt) {

        long lastSubscribed() {
            return Math.max(subscribedAt == null ? 0 : subscribedAt, renewedAt == null ? 0 : renewedAt);
        }

        /** Half way between the last (re)subscription and the expiry. */
        Long renewAt() {
            return expiresAt == null ? null : lastSubscribed() + (expiresAt - lastSubscribed()) / 2;
        }
    }

    private final JdbcTemplate jdbc;
    private final CrmWatch watch;
    private final NotificationSettings settings;
    private final ObjectProvider<Scheduler> scheduler;
    private final String node;
    private final Environment environment;

    public NotificationChannel(JdbcTemplate jdbc, CrmWatch watch, SyncProperties properties, SyncRuns runs,
            ObjectProvider<Scheduler> scheduler, Environment environment) {
        this.environment = environment;
        this.jdbc = jdbc;
        this.watch = watch;
        this.settings = properties.getNotifications();
        this.scheduler = scheduler;
        this.node = runs.node();
    }

    /**
     * The channel check (routes/notifications-channel.xml): subscribes a channel that is new, failed,
     * disabled, lapsed or pointed elsewhere; renews one past half its life; lists it in CRM once every
     * verify interval and subscribes it again when CRM no longer has it.
     */
    public void keep() {
        if (!settings.isEnabled()) {
            return;
        }
        Row row = row();
        long now = System.currentTimeMillis();
        String url = notifyUrl();
        boolean active = row.state() == State.ACTIVE && row.expiresAt() != null && row.expiresAt() > now;
        boolean renew = active && (now >= row.renewAt() || !url.equals(row.notifyUrl()));
        boolean verify = active && !renew && (row.verifiedAt() == null
                || now - row.verifiedAt() >= settings.getChannelVerifyInterval().toMillis());
        if (active && !renew && !verify || !claim(now)) {
            return;
        }
        try {
            if (verify) {
                Optional<CrmWatch.Subscribed> listed = watch.find(row.channelId());
                if (listed.isPresent()) {
                    jdbc.update("UPDATE sync_notification_channel SET verified_at = ? WHERE id = ?", now, ROW);
                    return;
                }
                log.warn("CRM no longer lists notification channel {}: subscribing it again", row.channelId());
            }
            Instant expiry = Instant.ofEpochMilli(now).plus(settings.getChannelLifetime());
            CrmWatch.Subscribed s = watch.subscribe(row.channelId(), EVENTS, url, row.token(), expiry, renew);
            long expires = s.expiresAt() == null ? expiry.toEpochMilli() : s.expiresAt().toEpochMilli();
            jdbc.update("UPDATE sync_notification_channel SET state = ?, notify_url = ?, expires_at = ?, "
                            + (renew ? "renewed_at" : "subscribed_at") + " = ?, verified_at = ?, last_error = NULL"
                            + " WHERE id = ?", State.ACTIVE.name(), url, expires, now, now, ROW);
            log.info("CRM notification channel {} {} until {} (notify_url {})", row.channelId(),
                    renew ? "renewed" : "subscribed", Instant.ofEpochMilli(expires), url);
        } catch (RuntimeException e) {
            String reason = Redaction.redact(String.valueOf(e.getMessage()));
            jdbc.update("UPDATE sync_notification_channel SET state = ?, last_error = ?, failed_at = ? WHERE id = ?",
                    State.FAILED.name(), reason.length() > 1000 ? reason.substring(0, 1000) : reason, now, ROW);
            log.warn("CRM notification channel {} could not be {}: {}; the next check subscribes it again",
                    row.channelId(), renew ? "renewed" : verify ? "checked" : "subscribed", reason);
        } finally {
            jdbc.update("UPDATE sync_notification_channel SET busy_by = NULL, busy_until = NULL WHERE id = ? AND busy_by = ?",
                    ROW, node);
        }
    }

    /** Takes the row for this node for a while: one conditional UPDATE, atomic on H2 and MySQL. */
    private boolean claim(long now) {
        return jdbc.update("UPDATE sync_notification_channel SET busy_by = ?, busy_until = ? WHERE id = ?"
                + " AND (busy_by IS NULL OR busy_until < ?)", node, now + CLAIM_MS, ROW, now) == 1;
    }

    /**
     * True when {@code given} is the channel's token, compared in constant time (digests of equal
     * length, {@link MessageDigest#isEqual}); false when there is no channel yet.
     */
    public boolean tokenMatches(String given) {
        if (given == null) {
            return false;
        }
        List<String> stored = jdbc.queryForList("SELECT token FROM sync_notification_channel WHERE id = ?", String.class, ROW);
        return !stored.isEmpty() && sameSecret(stored.get(0), given);
    }

    /** Constant-time comparison of two secrets (their SHA-256 digests, so the lengths leak nothing either). */
    static boolean sameSecret(String expected, String given) {
        if (expected == null || expected.isEmpty() || given == null) {
            return false;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A callback was accepted now: shown as the channel's last notification. */
    public void received(long now) {
        jdbc.update("UPDATE sync_notification_channel SET received_at = ? WHERE id = ?", now, ROW);
    }

    /** The channel as the API and health show it; never the token. */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", settings.isEnabled());
        if (!settings.isEnabled()) {
            out.put("state", State.OFF.name());
            return out;
        }
        List<Row> rows = jdbc.query("SELECT * FROM sync_notification_channel WHERE id = ?", (rs, i) -> map(rs), ROW);
        Row row = rows.isEmpty() ? null : rows.get(0);
        long now = System.currentTimeMillis();
        State state = row == null ? State.NEW : row.state() == State.ACTIVE && row.expiresAt() != null
                && row.expiresAt() <= now ? State.LAPSED : row.state();
        out.put("state", state.name());
        out.put("channelId", row == null ? null : row.channelId());
        out.put("notifyUrl", notifyUrl());
        out.put("events", EVENTS);
        out.put("expiresAt", row == null ? null : time(row.expiresAt()));
        out.put("renewAt", row == null || row.state() != State.ACTIVE ? null : time(row.renewAt()));
        out.put("subscribedAt", row == null ? null : time(row.subscribedAt()));
        out.put("renewedAt", row == null ? null : time(row.renewedAt()));
        out.put("verifiedAt", row == null ? null : time(row.verifiedAt()));
        out.put("lastNotificationAt", row == null ? null : time(row.receivedAt()));
        out.put("lastError", row == null ? null : row.lastError());
        out.put("failedAt", row == null ? null : time(row.failedAt()));
        return out;
    }

    /** The channel's notify_url; the callback URL may name ${local.server.port} (the demo, tests), resolved now. */
    private String notifyUrl() {
        return environment.resolvePlaceholders(settings.notifyUrl());
    }

    /** Plain http is accepted (the sandbox, tests) but Zoho would send the channel's token in clear. */
    @EventListener(ApplicationReadyEvent.class)
    public void warnPlainHttp() {
        if (settings.isEnabled() && settings.plainHttp()) {
            log.warn("sync.notifications.callback-url is plain http ({}): Zoho's callbacks, with the channel's token,"
                    + " would cross the network in clear; use https outside the sandbox", notifyUrl());
        }
    }

    private static String time(Long epochMs) {
        return epochMs == null ? null : Instant.ofEpochMilli(epochMs).toString();
    }

    /** The channel's row, created on first use with a random channel id and token. */
    private Row row() {
        List<Row> rows = jdbc.query("SELECT * FROM sync_notification_channel WHERE id = ?", (rs, i) -> map(rs), ROW);
        if (!rows.isEmpty()) {
            return rows.get(0);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        // Zoho's channel ids are longs; 13 digits as in its examples
        String channelId = String.valueOf(1_000_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000_000L);
        try {
            jdbc.update("INSERT INTO sync_notification_channel (id, channel_id, token, state) VALUES (?, ?, ?, ?)", ROW,
                    channelId, Base64.getUrlEncoder().withoutPadding().encodeToString(secret), State.NEW.name());
        } catch (DuplicateKeyException another) {
            // another node created it first: theirs is the channel
        }
        return jdbc.query("SELECT * FROM sync_notification_channel WHERE id = ?", (rs, i) -> map(rs), ROW).get(0);
    }

    private static Row map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString("channel_id"), rs.getString("token"), rs.getString("notify_url"),
                State.valueOf(rs.getString("state")), longOrNull(rs, "expires_at"), longOrNull(rs, "subscribed_at"),
                longOrNull(rs, "renewed_at"), longOrNull(rs, "verified_at"), rs.getString("last_error"),
                longOrNull(rs, "failed_at"), longOrNull(rs, "received_at"));
    }

    private static Long longOrNull(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * A clean stop: with {@code disable-on-shutdown}, the last node of the cluster (no other Quartz
     * instance checked in lately) disables the channel in CRM, so Zoho stops calling a service that is gone.
     */
    @EventListener(ContextClosedEvent.class)
    public void stopping() {
        if (!settings.isEnabled() || !settings.isDisableOnShutdown()) {
            return;
        }
        try {
            if (otherNodesAlive()) {
                log.info("Other nodes are running: the CRM notification channel stays subscribed");
                return;
            }
            List<Row> rows = jdbc.query("SELECT * FROM sync_notification_channel WHERE id = ?", (rs, i) -> map(rs), ROW);
            if (rows.isEmpty() || rows.get(0).state() != State.ACTIVE) {
                return;
            }
            watch.disable(rows.get(0).channelId());
            jdbc.update("UPDATE sync_notification_channel SET state = ? WHERE id = ?", State.DISABLED.name(), ROW);
            log.info("Last node stopping: CRM notification channel {} disabled", rows.get(0).channelId());
        } catch (RuntimeException e) {
            log.warn("The CRM notification channel could not be disabled on shutdown: {}",
                    Redaction.redact(String.valueOf(e.getMessage())));
        }
    }

    private boolean otherNodesAlive() {
        Scheduler quartz = scheduler.getIfAvailable();
        if (quartz == null) {
            return false;
        }
        try {
            Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?"
                            + " AND INSTANCE_NAME <> ? AND LAST_CHECKIN_TIME > ?", Integer.class,
                    quartz.getSchedulerName(), quartz.getSchedulerInstanceId(), System.currentTimeMillis() - 30_000);
            return n != null && n > 0;
        } catch (org.quartz.SchedulerException e) {
            return false;
        }
    }
}
