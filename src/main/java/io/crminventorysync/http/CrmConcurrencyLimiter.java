package io.crminventorysync.http;

import io.crminventorysync.config.SyncProperties;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * At most {@code sync.crm.max-concurrent-calls} CRM calls in flight, the edition's concurrency limit.
 * Fair, so that a long paging run cannot starve a single-record lookup. A permit is held only while a
 * request is on the wire, never while backing off.
 */
@Component
public class CrmConcurrencyLimiter {

    private final Semaphore permits;
    private final int limit;

    public CrmConcurrencyLimiter(SyncProperties properties) {
        this.limit = properties.getCrm().getMaxConcurrentCalls();
        this.permits = new Semaphore(limit, true);
    }

    public void acquire(String context) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Backoff.cancelled(ZohoApi.CRM, context, e);
        }
    }

    public void release() {
        permits.release();
    }

    /** Calls in flight right now (for tests and diagnostics). */
    public int inFlight() {
        return limit - permits.availablePermits();
    }

    public int limit() {
        return limit;
    }
}
