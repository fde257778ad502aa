package io.crminventorysync.bench;

import static io.crminventorysync.bench.BenchSupport.JSON;
import static io.crminventorysync.bench.BenchSupport.call;
import static io.crminventorysync.bench.BenchSupport.freePort;
import static io.crminventorysync.bench.BenchSupport.startSandbox;
import static io.crminventorysync.bench.BenchSupport.startService;
import static io.crminventorysync.bench.BenchSupport.stats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The notification benchmark (a measurement, not a timed test): latency from a CRM edit to the
 * Inventory write it causes, through the real path: the sandbox (its own process) calls the service's
 * /hooks/zoho/crm, the queue is debounced and drained by notification runs. Two loads: 30 edits a
 * minute, then a burst of edits to as many records at once. The service keeps Zoho's budget of 100
 * Inventory requests a minute (and the sandbox enforces it: its 429s are counted). Each edit changes
 * a vendor's website; a poller lists Inventory's contacts every 50 ms and notes when each edit shows.
 * Run with:
 *
 * <pre>./mvnw -Pbenchmark verify -Dit.test=NotificationBenchmark -Dbench.steady=60 -Dbench.burst=500</pre>
 *
 * Results are written to target/benchmark/notifications.md; docs/benchmarks.md keeps them.
 */
class NotificationBenchmark {


    private final int steady = Integer.getInteger("bench.steady", 60);
    private final int burst = Integer.getInteger("bench.burst", 500);

    @Test
    void latencyFromCrmEditToInventoryWrite() throws Exception {
        int sandboxPort = freePort();
        int servicePort = freePort();
        int vendors = steady + burst;
        Process sandbox = startSandbox(sandboxPort);
        String base = "http://127.0.0.1:" + sandboxPort + "/sandbox";
        Path db = Files.createTempDirectory(Path.of("target"), "bench-notify-db");
        try {
            call("PUT", base + "/_admin/knobs", Map.of("inventoryRequestsPerMinute", 100));
            call("POST", base + "/_admin/generate?vendors=" + vendors, null);
            try (ConfigurableApplicationContext service = startService(base, db, "--server.port=" + servicePort,
                    "--sync.notifications.enabled=true", "--sync.notifications.callback-url=http://127.0.0.1:" + servicePort)) {
                List<String> lines = new ArrayList<>();
                lines.add("## Notification benchmark: " + steady + " edits at 30 a minute, then a burst of " + burst + " edits");
                lines.add("");
                lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores (load average at start "
                        + String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                        + "), Java " + System.getProperty("java.version") + ", " + LocalDate.now()
                        + ". Sandbox in its own process; Inventory budget 100 requests a minute (service and sandbox);"
                        + " debounce 2 s, drain interval 1 s (the defaults).");
                lines.add("");

                RunSummary first = service.getBean(ModuleControl.class).runNow(SyncModule.VENDORS, Trigger.SCHEDULE);
                assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
                JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
                List<Map<String, Object>> pairs = jdbc.queryForList(
                        "SELECT crm_id, inventory_id FROM sync_binding WHERE module = 'vendors' AND kind = 'record' ORDER BY crm_id");
                assertThat(pairs).hasSize(vendors);
                awaitChannel(base);
                // the first sync used the budget: start both loads from a full minute's budget
                Thread.sleep(60_000);
                call("POST", base + "/_admin/stats/reset", null);

                Poller poller = new Poller(base);
                poller.start();
                try {
                    List<Long> steadyLatencies = new ArrayList<>();
                    for (int i = 0; i < steady; i++) {
                        long next = System.nanoTime() + 2_000_000_000L;
                        edit(base, poller, pairs.get(i), "https://steady" + i + ".example");
                        sleepUntil(next);
                    }
                    steadyLatencies.addAll(poller.await(steady, Duration.ofMinutes(2)));
                    Map<String, Long> steadyStats = stats(base);
                    call("POST", base + "/_admin/stats/reset", null);
                    Thread.sleep(60_000);

                    long burstStart = System.nanoTime();
                    for (int i = steady; i < steady + burst; i++) {
                        edit(base, poller, pairs.get(i), "https://burst" + i + ".example");
                    }
                    double sendSeconds = (System.nanoTime() - burstStart) / 1e9;
                    List<Long> burstLatencies = poller.await(burst, Duration.ofMinutes(15));
                    double drainSeconds = (System.nanoTime() - burstStart) / 1e9;
                    Map<String, Long> burstStats = stats(base);

                    lines.add("| load | edits | synced | p50 | p95 | max | Inventory writes | Inventory 429s |");
                    lines.add("|---|---|---|---|---|---|---|---|");
                    lines.add(row("30 edits a minute", steady, steadyLatencies, steadyStats));
                    lines.add(row("burst of " + burst, burst, burstLatencies, burstStats));
                    lines.add("");
                    lines.add(String.format("The burst's %d edits were made in %.1f s; the last reached Inventory %.1f s after"
                            + " the first edit (%.0f writes a minute; the budget is 100 requests a minute).",
                            burst, sendSeconds, drainSeconds, burstStats.getOrDefault("inventory.write", 0L) / (drainSeconds / 60)));
                    lines.add("");
                    Path out = Path.of("target", "benchmark", "notifications.md");
                    Files.createDirectories(out.getParent());
                    Files.write(out, lines);
                    lines.forEach(System.out::println);
                    assertThat(steadyLatencies).as("every steady edit reached Inventory").hasSize(steady);
                    assertThat(burstLatencies).as("nothing lost in the burst").hasSize(burst);
                } finally {
                    poller.stop();
                }
            }
        } finally {
            sandbox.destroy();
        }
    }

    private static String row(String load, int edits, List<Long> latencies, Map<String, Long> stats) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return "| " + load + " | " + edits + " | " + sorted.size() + " | " + seconds(percentile(sorted, 50)) + " | "
                + seconds(percentile(sorted, 95)) + " | " + seconds(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1))
                + " | " + stats.getOrDefault("inventory.write", 0L) + " | " + stats.getOrDefault("inventory.429", 0L) + " |";
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String seconds(long ms) {
        return String.format("%.2f s", ms / 1000.0);
    }

    private static void edit(String base, Poller poller, Map<String, Object> pair, String website) throws Exception {
        poller.expect(String.valueOf(pair.get("inventory_id")), website);
        call("PUT", base + "/_admin/crm/Vendors/" + pair.get("crm_id"), Map.of("Website", website));
    }

    /** Lists Inventory's contacts every 50 ms and notes when each expected website shows. */
    private static final class Poller {
        private final String base;
        private final Map<String, Object[]> expected = new ConcurrentHashMap<>();
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;
        private Thread thread;

        Poller(String base) {
            this.base = base;
        }

        void expect(String inventoryId, String website) {
            expected.put(inventoryId, new Object[] {website, System.nanoTime()});
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        if (!expected.isEmpty()) {
                            List<Map<String, Object>> contacts = JSON.readValue(call("GET", base + "/_admin/inventory/contacts", null),
                                    new TypeReference<>() { });
                            long now = System.nanoTime();
                            for (Map<String, Object> c : contacts) {
                                Object[] e = expected.get(String.valueOf(c.get("contact_id")));
                                if (e != null && e[0].equals(c.get("website")) && expected.remove(String.valueOf(c.get("contact_id")), e)) {
                                    latencies.add((now - (Long) e[1]) / 1_000_000);
                                }
                            }
                        }
                        Thread.sleep(50);
                    } catch (InterruptedException stop) {
                        return;
                    } catch (Exception e) {
                        // a failed listing is tried again
                    }
                }
            }, "inventory-poller");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits until {@code n} edits showed or the time is up; returns their latencies (ms) and starts afresh. */
        List<Long> await(int n, Duration atMost) throws InterruptedException {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (latencies.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Long> out;
            synchronized (latencies) {
                out = new ArrayList<>(latencies);
                latencies.clear();
            }
            return out;
        }

        void stop() {
            running = false;
            thread.interrupt();
        }
    }

    private static void awaitChannel(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!JSON.readValue(call("GET", base + "/_admin/crm/notifications", null), Map.class).isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no notification channel subscribed within 60 s");
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
