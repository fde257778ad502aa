package io.crminventorysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesWithJitterUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int i = 0; i < 50; i++) {
            assertThat(b.delay(1).toMillis()).isBetween(50L, 100L);
            assertThat(b.delay(3).toMillis()).isBetween(200L, 400L);
            assertThat(b.delay(40).toMillis()).isBetween(500L, 1000L);
        }
    }

    @Test
    void readsRetryAfterInSecondsOrAsADate() {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        assertThat(Backoff.retryAfter("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(Backoff.retryAfter("Mon, 01 Jan 2024 00:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.retryAfter("soon", now)).isNull();
        assertThat(Backoff.retryAfter(null, now)).isNull();
    }
}
