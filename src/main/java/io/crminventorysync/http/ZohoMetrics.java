package io.crminventorysync.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The API budget as Micrometer counters:
 * {@code zoho.api.calls{api,kind}} every request sent (retries included: each one costs budget),
 * {@code zoho.api.retries{api,reason}} every retry (rate_limited, server_error, timeout, io_error,
 * token_expired), {@code zoho.api.rate_limited{api}} every 429 (or token-endpoint throttle) received.
 */
@Component
public class ZohoMetrics {

    public static final String CALLS = "zoho.api.calls";
    public static final String RETRIES = "zoho.api.retries";
    public static final String RATE_LIMITED = "zoho.api.rate_limited";

    private final MeterRegistry registry;

    public ZohoMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void call(ZohoApi api, String kind) {
        Counter.builder(CALLS).description("Zoho API requests sent, retries included")
                .tag("api", api.tag()).tag("kind", kind).register(registry).increment();
    }

    public void retry(ZohoApi api, String reason) {
        Counter.builder(RETRIES).description("Zoho API requests repeated, by reason")
                .tag("api", api.tag()).tag("reason", reason).register(registry).increment();
    }

    public void rateLimited(ZohoApi api) {
        Counter.builder(RATE_LIMITED).description("Zoho API answers saying too many requests")
                .tag("api", api.tag()).register(registry).increment();
    }
}
