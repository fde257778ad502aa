package io.crminventorysync.http;

import io.crminventorysync.config.SyncProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps Inventory calls within {@code sync.inventory.requests-per-minute} per organization; a caller
 * blocks until its slot comes.
 *
 * <p>Two rules, both enforced on reserved slots (first come, first served):
 * <ul>
 * <li>a sliding window: never more than the limit in any 60 seconds, which is what Zoho counts;</li>
 * <li>a smoothing bucket: a burst of at most a tenth of the limit, then an even pace. Without it the
 * whole minute's budget would go in the first second and the next caller would wait a minute.</li>
 * </ul>
 */
@Component
public class InventoryRateLimiter {

    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final SyncProperties properties;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Autowired
    public InventoryRateLimiter(SyncProperties properties) {
        this(properties, System::nanoTime);
    }

    InventoryRateLimiter(SyncProperties properties, LongSupplier clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Blocks until the organization may make one more call; interrupt aborts with CANCELLED. */
    public void acquire(String organizationId, String context) {
        long wait = reserve(organizationId) - clock.getAsLong();
        if (wait > 0) {
            Backoff.sleep(Duration.ofNanos(wait), ZohoApi.INVENTORY, context);
        }
    }

    /** Reserves the next free slot and returns its time (on the {@link System#nanoTime} scale). */
    long reserve(String organizationId) {
        int limit = properties.getInventory().getRequestsPerMinute();
        Window w = windows.computeIfAbsent(organizationId == null ? "" : organizationId, k -> new Window(limit));
        return w.reserve(clock.getAsLong(), limit);
    }

    private static final class Window {
        private long[] granted;
        private int next;
        private int count;
        private long theoreticalArrival = Long.MIN_VALUE;

        Window(int limit) {
            granted = new long[Math.max(limit, 1)];
        }

        synchronized long reserve(long now, int limit) {
            if (granted.length != limit) {
                // The limit is read on every call; a changed limit starts a fresh window.
                granted = new long[Math.max(limit, 1)];
                next = 0;
                count = 0;
            }
            long interval = WINDOW_NANOS / granted.length;
            long burstTolerance = interval * (Math.max(granted.length / 10, 1) - 1);
            long at = now;
            if (theoreticalArrival != Long.MIN_VALUE) {
                at = Math.max(at, theoreticalArrival - burstTolerance);
            }
            if (count == granted.length) {
                at = Math.max(at, granted[next] + WINDOW_NANOS);
            }
            theoreticalArrival = Math.max(theoreticalArrival == Long.MIN_VALUE ? at : theoreticalArrival, at) + interval;
            granted[next] = at;
            next = (next + 1) % granted.length;
            count = Math.min(count + 1, granted.length);
            return at;
        }
    }
}
