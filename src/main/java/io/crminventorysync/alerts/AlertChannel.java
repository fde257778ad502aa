package io.crminventorysync.alerts;

import java.time.Duration;

/** One way an alert reaches the operator (webhook, e-mail). Called on the alert threads only. */
interface AlertChannel {

    /** The channel's name in logs and metrics: {@code webhook} or {@code email}. */
    String name();

    /**
     * Where the alert goes, safe to log: a host, never a webhook URL's path or query (tokens), or
     * the recipients.
     */
    String destination();

    /**
     * Sends one alert, or throws {@link DeliveryFailure}: a failure the next try may not have
     * ({@link DeliveryFailure#retryable()}) is tried again after a backoff.
     */
    void send(Alert alert) throws DeliveryFailure;

    /** Why an alert did not get through, in words safe to log. */
    final class DeliveryFailure extends Exception {

        private final boolean retryable;
        private final Duration retryAfter;

        DeliveryFailure(String reason, boolean retryable) {
            this(reason, retryable, null);
        }

        /** @param retryAfter the receiver's own wait before the next try (HTTP Retry-After), or null */
        DeliveryFailure(String reason, boolean retryable, Duration retryAfter) {
            super(reason, null, false, false);
            this.retryable = retryable;
            this.retryAfter = retryAfter;
        }

        boolean retryable() {
            return retryable;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }
}
