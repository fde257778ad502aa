package io.crminventorysync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts the sandbox's outgoing callbacks (CRM notifications, the Inventory workflow webhook) from
 * its own threads, never from the thread of the API call that caused them, as Zoho's servers do.
 * The notify knobs drop a share, send a share twice and delay them all; what happened is counted
 * under {@code <kind>.sent}, {@code .failed}, {@code .dropped}, {@code .duplicated} and
 * {@code .overflow}. A callback is tried once: Zoho's retry policy is unconfirmed.
 *
 * <p>Memory stays bounded: at most {@link #MAX_PENDING} callbacks wait; beyond that they are
 * counted as overflow and not sent. A reset forgets everything still waiting.
 */
@Component
@SandboxEnabled
public class SandboxCallbacks {

    static final int MAX_PENDING = 10_000;
    private static final Logger log = LoggerFactory.getLogger(SandboxCallbacks.class);

    private final SandboxKnobs knobs;
    private final SandboxStats stats;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledThreadPoolExecutor executor;
    /** Moves on every reset: a callback queued before it is not sent after it. */
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();

    public SandboxCallbacks(SandboxKnobs knobs, SandboxStats stats, ObjectMapper json) {
        this.knobs = knobs;
        this.stats = stats;
        this.json = json;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "sandbox-callback-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * Queues one JSON POST to {@code url}; returns at once. {@code kind} names the counters
     * ("crm.notifications", "inventory.webhooks").
     */
    void post(String kind, String url, Map<String, String> headers, Object body) {
        if (knobs.chance(knobs.getNotifyDropRate())) {
            stats.increment(kind + ".dropped");
            return;
        }
        int copies = knobs.chance(knobs.getNotifyDuplicateRate()) ? 2 : 1;
        if (copies == 2) {
            stats.increment(kind + ".duplicated");
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("callback body is not JSON", e);
        }
        long gen = generation.get();
        for (int i = 0; i < copies; i++) {
            if (pending.incrementAndGet() > MAX_PENDING) {
                pending.decrementAndGet();
                stats.increment(kind + ".overflow");
                continue;
            }
            executor.schedule(() -> {
                try {
                    if (generation.get() == gen) {
                        deliver(kind, url, headers, bytes);
                    }
                } finally {
                    pending.decrementAndGet();
                }
            }, knobs.getNotifyDelayMs(), TimeUnit.MILLISECONDS);
        }
    }

    private void deliver(String kind, String url, Map<String, String> headers, byte[] body) {
        stats.increment(kind + ".sent");
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            HttpResponse<Void> answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                stats.increment(kind + ".failed");
                log.debug("{} to {} answered {}", kind, url, answer.statusCode());
            }
        } catch (IOException | IllegalArgumentException e) {
            stats.increment(kind + ".failed");
            log.debug("{} to {} failed: {}", kind, url, e.toString());
        } catch (InterruptedException e) {
            stats.increment(kind + ".failed");
            Thread.currentThread().interrupt();
        }
    }

    /** Callbacks waiting to be sent (delayed or queued). */
    int pending() {
        return pending.get();
    }

    /** Forgets every callback not yet sent. */
    void reset() {
        generation.incrementAndGet();
        // The queue's iterator walks a copy, so cancelling (which removes) while walking is safe.
        executor.getQueue().forEach(task -> {
            if (task instanceof java.util.concurrent.Future<?> f && f.cancel(false)) {
                pending.decrementAndGet();
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
