package io.crminventorysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.config.SyncProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Works on reserved slot times with a hand-moved clock: no sleeping, no wall-clock asserts. */
class InventoryRateLimiterTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final AtomicLong now = new AtomicLong(0);

    private InventoryRateLimiter limiter(int perMinute) {
        SyncProperties p = new SyncProperties();
        p.getInventory().setRequestsPerMinute(perMinute);
        return new InventoryRateLimiter(p, now::get);
    }

    @Test
    void neverMoreThanTheLimitInAnyMinuteWhenCallersQueueUp() {
        InventoryRateLimiter limiter = limiter(100);
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 350; i++) {
            slots.add(limiter.reserve("org"));
        }
        for (int i = 0; i + 100 < slots.size(); i++) {
            assertThat(slots.get(i + 100) - slots.get(i))
                    .as("slot %d and slot %d are a minute apart at least", i, i + 100)
                    .isGreaterThanOrEqualTo(MINUTE);
        }
        // An even pace after a short burst: 350 calls take about 3.4 minutes, not 3 minutes and a wait.
        assertThat(slots.get(9)).isZero();
        assertThat(slots.get(10)).isPositive();
        assertThat(slots.get(349)).isLessThan(4 * MINUTE);
    }

    @Test
    void callsSpreadOverTimeAreNotDelayed() {
        InventoryRateLimiter limiter = limiter(100);
        for (int i = 0; i < 50; i++) {
            now.set(i * MINUTE / 50);
            assertThat(limiter.reserve("org")).isEqualTo(now.get());
        }
    }

    @Test
    void eachOrganizationHasItsOwnBudget() {
        InventoryRateLimiter limiter = limiter(10);
        for (int i = 0; i < 10; i++) {
            limiter.reserve("a");
        }
        assertThat(limiter.reserve("b")).isZero();
        assertThat(limiter.reserve("a")).isPositive();
    }

    @Test
    void aLimitOfOneIsOneCallAMinute() {
        InventoryRateLimiter limiter = limiter(1);
        assertThat(limiter.reserve("org")).isZero();
        assertThat(limiter.reserve("org")).isEqualTo(MINUTE);
        assertThat(limiter.reserve("org")).isEqualTo(2 * MINUTE);
    }
}
