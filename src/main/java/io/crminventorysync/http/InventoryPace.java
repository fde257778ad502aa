package io.crminventorysync.http;

import io.crminventorysync.config.SyncProperties;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * How many Inventory calls to keep in flight. At Zoho's pace the budget, not the answer time, is
 * the limit: with 100 requests a minute and answers in 700 ms, one call at a time uses 70 % of it, two
 * use it all. {@link #writers()} sizes the run's parallel record writers from the budget and the
 * answer time measured here (a moving average), so the bucket, not the wait for answers, sets the pace;
 * never more than {@code sync.inventory.max-concurrent-calls}, which a semaphore also holds every
 * Inventory call to (Zoho allows 10 at once on paid plans).
 */
@Component
public class InventoryPace {

    /** Answer time assumed before any call was measured. */
    static final double INITIAL_SECONDS = 0.5;

    private final SyncProperties properties;
    private final Semaphore inFlight;
    private volatile double averageSeconds = INITIAL_SECONDS;

    public InventoryPace(SyncProperties properties) {
        this.properties = properties;
        this.inFlight = new Semaphore(properties.getInventory().getMaxConcurrentCalls(), true);
    }

    void acquire(String context) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Backoff.cancelled(ZohoApi.INVENTORY, context, e);
        }
    }

    /** A call is over: its answer time goes into the average (one part in ten). */
    void release(long nanos) {
        inFlight.release();
        if (nanos > 0) {
            averageSeconds = averageSeconds * 0.9 + nanos / 1e9 * 0.1;
        }
    }

    /** The moving average of Inventory's answer time, in seconds. */
    public double averageSeconds() {
        return averageSeconds;
    }

    /**
     * Record writers a run uses at once: enough calls in flight to spend the budget (calls a second x
     * answer time, with a quarter more for the time spent between calls, plus one), at most
     * {@code sync.inventory.max-concurrent-calls}.
     */
    public int writers() {
        return writers(properties.getInventory().getRequestsPerMinute(), averageSeconds,
                properties.getInventory().getMaxConcurrentCalls());
    }

    static int writers(int requestsPerMinute, double answerSeconds, int max) {
        double needed = requestsPerMinute / 60.0 * answerSeconds * 1.25;
        return (int) Math.max(1, Math.min(max, Math.ceil(needed) + 1));
    }
}
