package io.crminventorysync.bench;

import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.SyncModule;
import static io.crminventorysync.bench.BenchSupport.call;
import static io.crminventorysync.bench.BenchSupport.cpuNanos;
import static io.crminventorysync.bench.BenchSupport.freePort;
import static io.crminventorysync.bench.BenchSupport.machine;
import static io.crminventorysync.bench.BenchSupport.pages;
import static io.crminventorysync.bench.BenchSupport.resetStats;
import static io.crminventorysync.bench.BenchSupport.startSandbox;
import static io.crminventorysync.bench.BenchSupport.startService;
import static io.crminventorysync.bench.BenchSupport.stats;
import static io.crminventorysync.bench.BenchSupport.switchToTwoWay;
import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The pull benchmark (a measurement, not a timed test): the sandbox runs as its own process, this
 * JVM is the service (run it under -Xmx256m: the "benchmark" Maven profile does). It seeds N
 * accounts with k contacts each plus vendors and products, runs a first full sync of every module
 * and a second one with nothing changed, then a two-way run with nothing changed, and prints records per second, the API calls by kind next
 * to the floor, and the peak heap. Run with:
 *
 * <pre>./mvnw -Pbenchmark verify -Dbench.accounts=10000 -Dbench.contacts=3</pre>
 *
 * Results are written to target/benchmark/pull-&lt;N&gt;.md; docs/benchmarks.md keeps them.
 */
class PullBenchmark {

    private final int accounts = Integer.getInteger("bench.accounts", 10_000);
    private final int contacts = Integer.getInteger("bench.contacts", 3);
    private final int vendors = Integer.getInteger("bench.vendors", Math.max(10, accounts / 100));
    private final int products = Integer.getInteger("bench.products", Math.max(10, accounts / 10));

    @Test
    void pullFirstSyncThenQuietSecondSync() throws Exception {
        int port = freePort();
        Process sandbox = startSandbox(port);
        String base = BenchSupport.base(port);
        Path db = Files.createTempDirectory(Path.of("target"), "bench-db");
        try {
            call("PUT", base + "/_admin/knobs", Map.of("inventoryRequestsPerMinute", 100_000, "crmMaxConcurrent", 100));
            call("POST", base + "/_admin/generate?accounts=" + accounts + "&contacts=" + contacts
                    + "&vendors=" + vendors + "&products=" + products, null);

            // Zoho's 100 requests a minute would make 100,000 accounts a 17-hour run: the pipeline's
            // cost is measured here, the pace by PacedBenchmark
            try (ConfigurableApplicationContext service = startService(base, db, "--sync.inventory.requests-per-minute=100000")) {
                ModuleControl control = service.getBean(ModuleControl.class);
                List<String> lines = new ArrayList<>();
                lines.add("## Pull benchmark: " + accounts + " accounts x " + contacts + " contacts, "
                        + vendors + " vendors, " + products + " products");
                lines.add("");
                lines.add(machine(service));
                lines.add("");

                System.gc();
                HeapSampler firstHeap = new HeapSampler();
                resetStats(base);
                Map<String, Long> firstRuns = new LinkedHashMap<>();
                long records = 0;
                long cpu0 = cpuNanos();
                long start = System.nanoTime();
                for (String module : List.of("vendors", "products", "accounts")) {
                    long t0 = System.nanoTime();
                    RunSummary run = control.runNow(SyncModule.of(module), Trigger.SCHEDULE);
                    firstRuns.put(module, (System.nanoTime() - t0) / 1_000_000);
                    assertThat(run.status()).as(module + " first run " + run.message()).isEqualTo(RunStatus.SUCCEEDED);
                    records += run.pull().read();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
                Map<String, Long> first = stats(base);
                firstHeap.close();

                lines.add("### First sync (everything new)");
                lines.add("");
                lines.add(String.format("- %d CRM records in %.1f s: **%.0f records/s** (per module, ms: %s)",
                        records, seconds, records / seconds, firstRuns));
                lines.add(String.format("- service CPU: %.1f s in all, **%.2f CPU s per 1,000 CRM records** (this JVM's"
                        + " process CPU time; the sandbox runs in its own process)", cpuSeconds, cpuSeconds * 1000 / records));
                lines.add("- service memory (-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m): " + firstHeap.report()
                        + "; kept after a full collection at the end: **" + retainedAfterFullGcMiB() + " MiB**");
                lines.add("");
                lines.add("| calls | measured | floor |");
                lines.add("|---|---|---|");
                lines.add("| Inventory writes | " + first.getOrDefault("inventory.write", 0L) + " | "
                        + (accounts + vendors + products) + " (one per account, contacts included, vendor, product) |");
                lines.add("| Inventory reads | " + first.getOrDefault("inventory.read", 0L) + " | "
                        + pages(products) + " (one listing of items, pages of 200, for the new products' key checks; customers and vendors rely on Inventory's unique name) |");
                lines.add("| CRM reads | " + first.getOrDefault("crm.read", 0L) + " | "
                        + (pages(vendors) + pages(products) + pages(accounts) + pages(accounts * contacts)) + " (pages of 200) |");
                lines.add("| OAuth refreshes | " + first.getOrDefault("oauth.refresh", 0L) + " | 1 |");
                lines.add("");

                BindingStore bindings = service.getBean(BindingStore.class);
                assertThat(bindings.count(SyncModule.ACCOUNTS, BindingKind.RECORD)).isEqualTo(accounts);
                assertThat(bindings.count(SyncModule.ACCOUNTS, BindingKind.PERSON)).isEqualTo(accounts * contacts);

                resetStats(base);
                System.gc();
                HeapSampler secondHeap = new HeapSampler();
                long t1 = System.nanoTime();
                for (String module : List.of("vendors", "products", "accounts")) {
                    RunSummary run = control.runNow(SyncModule.of(module), Trigger.SCHEDULE);
                    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
                }
                double quiet = (System.nanoTime() - t1) / 1e9;
                Map<String, Long> second = stats(base);
                secondHeap.close();
                lines.add("### Second sync (nothing changed)");
                lines.add("");
                lines.add(String.format("- all three modules in %.2f s; ", quiet) + secondHeap.report());
                lines.add("");
                lines.add("| calls | measured | floor |");
                lines.add("|---|---|---|");
                lines.add("| Inventory writes | " + second.getOrDefault("inventory.write", 0L) + " | 0 |");
                lines.add("| Inventory reads | " + second.getOrDefault("inventory.read", 0L) + " | 0 |");
                lines.add("| CRM reads | " + second.getOrDefault("crm.read", 0L)
                        + " | 4 (one per CRM module: Vendors, Products, Accounts, Contacts; a 304 when nothing at all"
                        + " changed within the cursor overlap, else the overlap's pages, skipped without writes) |");
                lines.add("");
                assertThat(second.getOrDefault("inventory.write", 0L)).isZero();

                // Reconciliation (a full pass): both sides listed by pages, bindings checked, drift
                // repaired; with nothing vanished and nothing drifted it must write nothing.
                resetStats(base);
                long t3 = System.nanoTime();
                Map<String, String> reconcileCalls = new LinkedHashMap<>();
                Map<String, Long> before = stats(base);
                for (String module : List.of("vendors", "products", "accounts")) {
                    RunSummary run = control.runNow(SyncModule.of(module), Trigger.RECONCILE);
                    assertThat(run.status()).as(module + " reconciliation " + run.message()).isEqualTo(RunStatus.SUCCEEDED);
                    Map<String, Long> after = stats(base);
                    reconcileCalls.put(module, String.format("%d Inventory reads, %d CRM reads, %d writes",
                            delta(after, before, "inventory.read"), delta(after, before, "crm.read"),
                            delta(after, before, "inventory.write") + delta(after, before, "crm.write")));
                    before = after;
                }
                double reconcile = (System.nanoTime() - t3) / 1e9;
                Map<String, Long> fourth = stats(base);
                lines.add("### Reconciliation (full pass, nothing vanished or drifted)");
                lines.add("");
                lines.add(String.format("- all three modules in %.1f s; per module: %s", reconcile, reconcileCalls));
                lines.add("");
                lines.add("| calls | measured | floor |");
                lines.add("|---|---|---|");
                lines.add("| Inventory writes | " + fourth.getOrDefault("inventory.write", 0L) + " | 0 |");
                lines.add("| Inventory reads | " + fourth.getOrDefault("inventory.read", 0L) + " | "
                        + (2 * pages(accounts + vendors) + pages(products))
                        + " (list pages of 200 of contacts, for customers and for vendors, and of items) |");
                lines.add("| CRM reads | " + fourth.getOrDefault("crm.read", 0L) + " | "
                        + (pages(vendors) + pages(products) + pages(accounts) + pages(accounts * contacts))
                        + " (pages of 200 of every CRM module) |");
                lines.add("");
                assertThat(fourth.getOrDefault("inventory.write", 0L)).as("Inventory writes of the reconciliation").isZero();

                // Two-way, nothing changed: the switch is a settings change, so both directions
                // read everything once; the bindings' fingerprints and Inventory modified times
                // must make that cost no write on either side.
                switchToTwoWay(service);
                resetStats(base);
                System.gc();
                HeapSampler twoWayHeap = new HeapSampler();
                long pushRead = 0;
                long t2 = System.nanoTime();
                for (String module : List.of("vendors", "products", "accounts")) {
                    RunSummary run = control.runNow(SyncModule.of(module), Trigger.SCHEDULE);
                    assertThat(run.status()).as(module + " two-way run " + run.message()).isEqualTo(RunStatus.SUCCEEDED);
                    pushRead += run.push().read();
                }
                double twoWay = (System.nanoTime() - t2) / 1e9;
                Map<String, Long> third = stats(base);
                twoWayHeap.close();
                lines.add("### Two-way sync, nothing changed (first run after switching every module to TWO_WAY)");
                lines.add("");
                lines.add(String.format("- all three modules in %.2f s, %d Inventory records read by the push; ", twoWay, pushRead)
                        + twoWayHeap.report());
                lines.add("");
                lines.add("| calls | measured | floor |");
                lines.add("|---|---|---|");
                lines.add("| Inventory writes | " + third.getOrDefault("inventory.write", 0L) + " | 0 |");
                lines.add("| CRM writes | " + third.getOrDefault("crm.write", 0L) + " | 0 |");
                lines.add("| Inventory reads | " + third.getOrDefault("inventory.read", 0L) + " | "
                        + (2 * pages(accounts + vendors) + pages(products))
                        + " (list pages of 200: contacts have no type filter, so vendors and customers each page through all contacts; no record read one by one) |");
                lines.add("| CRM reads | " + third.getOrDefault("crm.read", 0L) + " | "
                        + (pages(vendors) + pages(products) + pages(accounts) + pages(accounts * contacts))
                        + " (a full pull read: the settings changed) |");
                lines.add("");
                assertThat(third.getOrDefault("inventory.write", 0L)).as("Inventory writes of the two-way quiet run").isZero();
                assertThat(third.getOrDefault("crm.write", 0L)).as("CRM writes of the two-way quiet run").isZero();

                String report = String.join("\n", lines) + "\n";
                System.out.println(report);
                Path out = Path.of("target", "benchmark", "pull-" + accounts + ".md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
            }
        } finally {
            sandbox.destroy();
        }
    }

    /** What the service still holds once the sync is over: the heap after a full collection. */
    private static long retainedAfterFullGcMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    /**
     * Samples the heap every 50 ms: the highest heap in use (garbage included, never above -Xmx) and
     * the highest old generation left after a collection (what the service really keeps).
     */
    private static final class HeapSampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long maxUsed;
        private volatile long maxLiveAfterGc;

        HeapSampler() {
            thread = new Thread(() -> {
                while (running) {
                    maxUsed = Math.max(maxUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null
                                && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                            maxLiveAfterGc = Math.max(maxLiveAfterGc, pool.getCollectionUsage().getUsed());
                        }
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        String report() {
            return "heap in use at most **" + maxUsed / (1024 * 1024) + " MiB** (garbage included), old generation"
                    + " after collections at most **" + maxLiveAfterGc / (1024 * 1024) + " MiB**";
        }

        @Override
        public void close() {
            running = false;
        }
    }

    private static long delta(Map<String, Long> after, Map<String, Long> before, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }
}
