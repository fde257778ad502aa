package io.crminventorysync.hooks;

import io.crminventorysync.config.NotificationSettings;
import io.crminventorysync.config.SyncProperties;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * {@code {{notificationMillis:<setting>}}} in the notification routes: a duration of
 * {@code sync.notifications.*} (drain-interval, channel-check-interval) in milliseconds, as Camel's
 * timer wants it, whatever form the operator wrote it in (10s, PT10S).
 */
@Component
public class NotificationTimes implements CamelContextConfiguration, PropertiesFunction {

    private final NotificationSettings settings;

    public NotificationTimes(SyncProperties properties) {
        this.settings = properties.getNotifications();
    }

    @Override
    public String getName() {
        return "notificationMillis";
    }

    @Override
    public String apply(String name) {
        Duration d = switch (name.trim()) {
            case "drain-interval" -> settings.getDrainInterval();
            case "channel-check-interval" -> settings.getChannelCheckInterval();
            default -> throw new IllegalArgumentException("no duration sync.notifications." + name.trim());
        };
        return String.valueOf(Math.max(1, d.toMillis()));
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getPropertiesComponent().addPropertiesFunction(this);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // the routes read the durations when their timers are created
    }
}
