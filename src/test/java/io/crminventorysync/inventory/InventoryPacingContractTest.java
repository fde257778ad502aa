package io.crminventorysync.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.auth.ZohoTokenProvider;
import io.crminventorysync.http.ZohoMetrics;
import io.crminventorysync.sandbox.SandboxAdmin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The Inventory budget holds under concurrent callers. A context of its own because the budget is a
 * start-up setting: 600 a minute, so after a burst of 12 (a fiftieth) one call each 60 s / 588 (the
 * rest of the minute's budget), about 102 ms. The check is a lower
 * bound on the time the calls took, which a slow machine can only make easier to meet, plus the
 * sandbox (holding the same budget) never answering 429.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sync.inventory.requests-per-minute=600")
class InventoryPacingContractTest {

    private static final int CALLS = 100;
    private static final int BURST = 12;
    private static final Duration INTERVAL = Duration.ofMillis(60_000 / 588);

    @Autowired
    SandboxAdmin sandbox;
    @Autowired
    InventoryClient inventory;
    @Autowired
    ZohoTokenProvider tokens;
    @Autowired
    MeterRegistry meters;

    @Test
    void callsFromSeveralThreadsNeverOutrunTheBudget() throws Exception {
        sandbox.reset();
        String itemId = sandbox.inventoryCreateItem(Map.of("name", "Paced Item", "sku", "PACED-1"));
        tokens.accessToken();
        double callsBefore = count(ZohoMetrics.CALLS, "api", "inventory", "kind", "read");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < CALLS / 4; i++) {
                    assertThat(inventory.getItem(itemId)).isPresent();
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        pool.shutdown();

        assertThat(took).isGreaterThanOrEqualTo(INTERVAL.multipliedBy(CALLS - BURST - 1));
        assertThat(count(ZohoMetrics.CALLS, "api", "inventory", "kind", "read") - callsBefore).isEqualTo(CALLS);
        assertThat(sandbox.count("inventory.429")).isZero();
        assertThat(count(ZohoMetrics.RATE_LIMITED, "api", "inventory")).isZero();
    }

    private double count(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }
}
