package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.config.SyncProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic on a clock the test moves: delays that double, the lockout, the window. */
class LoginThrottleUnitTest {

    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private LoginThrottle throttle;

    @BeforeEach
    void throttle() {
        SyncProperties p = new SyncProperties();
        p.getSecurity().setUsername("admin");
        p.getSecurity().setMaxFailedLogins(5);
        p.getSecurity().setLoginDelay(Duration.ofSeconds(1));
        p.getSecurity().setFailedLoginWindow(Duration.ofMinutes(15));
        p.getSecurity().setLockout(Duration.ofMinutes(15));
        throttle = new LoginThrottle(p, new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now; }
        });
    }

    private void later(Duration d) {
        now = now.plus(d);
    }

    @Test
    void eachFailureDoublesTheWaitUntilTheLockout() {
        assertThat(throttle.refusedFor("admin", "10.0.0.1")).isEmpty();
        long[] expectedSeconds = {1, 2, 4, 8};
        for (long seconds : expectedSeconds) {
            throttle.failed("admin", "10.0.0.1");
            assertThat(throttle.refusedFor("admin", "10.0.0.1")).hasValue(Duration.ofSeconds(seconds));
            later(Duration.ofSeconds(seconds));
            assertThat(throttle.refusedFor("admin", "10.0.0.1")).isEmpty();
        }
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.refusedFor("admin", "10.0.0.1")).hasValue(Duration.ofMinutes(15));
        assertThat(throttle.refusedFor("admin", "10.9.9.9")).as("the user from anywhere").hasValue(Duration.ofMinutes(15));
        assertThat(throttle.refusedFor("someone", "10.0.0.1")).as("anyone from that address").hasValue(Duration.ofMinutes(15));
        assertThat(throttle.refusedFor("someone", "10.9.9.9")).isEmpty();
        later(Duration.ofMinutes(15));
        assertThat(throttle.refusedFor("admin", "10.0.0.1")).isEmpty();
    }

    @Test
    void aGoodLoginClearsTheSlateAndOldFailuresLeaveTheWindow() {
        throttle.failed("admin", "10.0.0.1");
        later(Duration.ofSeconds(1));
        throttle.succeeded("admin", "10.0.0.1");
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.refusedFor("admin", "10.0.0.1")).as("first failure again").hasValue(Duration.ofSeconds(1));

        for (int i = 0; i < 3; i++) {
            later(Duration.ofMinutes(1));
            throttle.failed("admin", "10.0.0.1");
        }
        later(Duration.ofMinutes(16));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.refusedFor("admin", "10.0.0.1")).as("the earlier four left the window")
                .hasValue(Duration.ofSeconds(1));
    }

    @Test
    void madeUpNamesCannotGrowTheMemoryWithoutBound() {
        for (int i = 0; i < LoginThrottle.MAX_TRACKED + 500; i++) {
            throttle.failed("made-up-" + i, "10.0.0." + (i % 200));
        }
        assertThat(throttle.refusedFor("admin", "10.0.0.7")).as("the addresses tracked before the flood still hold").isPresent();
    }
}
