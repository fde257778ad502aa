package io.crminventorysync.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/** Waiting between tries: exponential with jitter, Retry-After when the server says how long. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial.isNegative() || initial.isZero() ? Duration.ofMillis(1) : initial;
        this.max = max.compareTo(this.initial) < 0 ? this.initial : max;
    }

    /**
     * The wait before try number {@code attempt + 1} ({@code attempt} counts from 1): initial doubled
     * each time up to max, then a random point in its upper half so that callers throttled together
     * do not come back together.
     */
    public Duration delay(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long base = initial.toMillis() << shift;
        if (base <= 0 || base > max.toMillis()) {
            base = max.toMillis();
        }
        long half = base / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(base - half + 1));
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.trim();
        try {
            long seconds = Long.parseLong(v);
            return Duration.ofSeconds(Math.max(seconds, 0));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** Sleeps, turning an interrupt (a cancelled run) into a {@link ZohoApiException.Kind#CANCELLED} error. */
    public static void sleep(Duration d, ZohoApi api, String context) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(api, context, e);
        }
    }

    public static ZohoApiException cancelled(ZohoApi api, String context, InterruptedException e) {
        return new ZohoApiException(ZohoApiException.Kind.CANCELLED, api, context, 0, null,
                "interrupted while calling or waiting to call; the call was abandoned", null, e);
    }
}
