package io.crminventorysync.hooks;

import io.crminventorysync.support.SyncTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The service with notifications on, against its own sandbox: the sandbox's CRM calls the test
 * server's /hooks/zoho/crm for every change of a watched module. Short timings so a test sees a
 * change synced, a channel renewed and a dropped channel noticed within seconds. Every test starts
 * from an empty sandbox (no channel) and empty tables, so it waits for the channel check to
 * subscribe a fresh channel first.
 */
@TestPropertySource(properties = {
    "sync.notifications.enabled=true",
    "sync.notifications.callback-url=http://localhost:${local.server.port}",
    "sync.notifications.debounce=300ms",
    "sync.notifications.max-delay=3s",
    "sync.notifications.drain-interval=200ms",
    "sync.notifications.channel-check-interval=200ms",
    "sync.notifications.channel-verify-interval=2s",
    "sync.notifications.channel-lifetime=16s",
    "sync.notifications.inventory-secret=" + NotificationTestSupport.INVENTORY_SECRET,
})
abstract class NotificationTestSupport extends SyncTestSupport {

    static final String INVENTORY_SECRET = "inventory-webhook-test-secret";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired protected NotificationQueue queue;
    @LocalServerPort protected int port;

    @BeforeEach
    void awaitTheChannel() {
        // The channel CRM knows must be exactly ours: a check that was half-way when the tables were
        // emptied may have subscribed the previous channel again; it lapses within channel-lifetime.
        Awaitility.await("our channel subscribed, and only ours").atMost(WAIT).until(() -> {
            List<String> state = jdbc.queryForList("SELECT state FROM sync_notification_channel", String.class);
            return state.equals(List.of("ACTIVE")) && sandbox.crmNotificationChannels().keySet().equals(Set.of(channelId()));
        });
    }

    /** The channel's token as stored (a test reads the database; the service never shows it). */
    protected String token() {
        return jdbc.queryForObject("SELECT token FROM sync_notification_channel", String.class);
    }

    protected String channelId() {
        return jdbc.queryForObject("SELECT channel_id FROM sync_notification_channel", String.class);
    }

    /** Waits until the queue is empty and nothing is left to sync. */
    protected void awaitDrained() {
        Awaitility.await("queue drained").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> queue.all().isEmpty() && sandbox.callbacksPending() == 0);
    }
}
