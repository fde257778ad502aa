package io.crminventorysync.hooks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * What an operator sees of near-real-time sync: the channel (never its token) and the queue, for
 * {@code GET /api/notifications}; and the {@code notifications} part of {@code /actuator/health}.
 * A channel that is not ACTIVE while notifications are on is a warning there, not DOWN: the
 * scheduled runs still sync everything, only later.
 */
@Component("notifications")
public class NotificationStatus implements HealthIndicator {

    private final NotificationChannel channel;
    private final NotificationQueue queue;

    public NotificationStatus(NotificationChannel channel, NotificationQueue queue) {
        this.channel = channel;
        this.queue = queue;
    }

    /** The channel's state and the queue's depth per module. */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>(channel.status());
        out.put("queue", queue.depth());
        return out;
    }

    @Override
    public Health health() {
        Map<String, Object> c = channel.status();
        Health.Builder health = Health.up().withDetail("enabled", c.get("enabled")).withDetail("channel", c.get("state"));
        if (c.get("expiresAt") != null) {
            health.withDetail("expiresAt", c.get("expiresAt"));
        }
        if (Boolean.TRUE.equals(c.get("enabled")) && !"ACTIVE".equals(c.get("state"))) {
            health.withDetail("warning", "the CRM notification channel is " + c.get("state")
                    + (c.get("lastError") == null ? "" : " (" + c.get("lastError") + ")")
                    + ": changes reach Inventory with the scheduled runs only, until the channel check subscribes it again");
        }
        return health.build();
    }
}
