package io.crminventorysync.bench;

import static io.crminventorysync.bench.BenchSupport.MODULES;
import static io.crminventorysync.bench.BenchSupport.call;
import static io.crminventorysync.bench.BenchSupport.cpuNanos;
import static io.crminventorysync.bench.BenchSupport.freePort;
import static io.crminventorysync.bench.BenchSupport.machine;
import static io.crminventorysync.bench.BenchSupport.resetStats;
import static io.crminventorysync.bench.BenchSupport.startSandbox;
import static io.crminventorysync.bench.BenchSupport.startService;
import static io.crminventorysync.bench.BenchSupport.stats;
import static io.crminventorysync.bench.BenchSupport.switchToTwoWay;
import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sync at Zoho's real pace (a measurement, not a timed test): the sandbox answers Inventory in
 * 700 ms and allows 100 requests a minute, the service keeps its default budget (100 a minute).
 * A first sync of a few hundred accounts, then a quiet one, then two-way: the first run after the
 * switch and the second, quiet one. Reports the share of the budget used, the 429s, Inventory calls
 * per record, the service's CPU per 1,000 records and projections for 10,000 and 100,000 accounts.
 *
 * <pre>./mvnw -Pbenchmark verify -Dit.test=PacedBenchmark -Dbench.paced.accounts=300</pre>
 *
 * The report goes to target/benchmark/paced-&lt;N&gt;.md; docs/benchmarks.md keeps it.
 */
class PacedBenchmark {

    private static final int PER_MINUTE = 100;
    private static final int LATENCY_MS = 700;

    private final int accounts = Integer.getInteger("bench.paced.accounts", 300);
    private final int contacts = Integer.getInteger("bench.paced.contacts", 2);
    private final int vendors = Math.max(5, accounts / 30);
    private final int products = Math.max(10, accounts / 6);

    @Test
    void firstSyncQuietSyncAndTwoWayAtZohosPace() throws Exception {
        int port = freePort();
        Process sandbox = startSandbox(port);
        String base = BenchSupport.base(port);
        Path db = Files.createTempDirectory(Path.of("target"), "bench-db");
        try {
            call("PUT", base + "/_admin/knobs", Map.of("inventoryRequestsPerMinute", PER_MINUTE, "inventoryLatencyMs", LATENCY_MS));
            call("POST", base + "/_admin/generate?accounts=" + accounts + "&contacts=" + contacts
                    + "&vendors=" + vendors + "&products=" + products, null);
            try (ConfigurableApplicationContext service = startService(base, db,
                    "--sync.inventory.requests-per-minute=" + PER_MINUTE)) {
                ModuleControl control = service.getBean(ModuleControl.class);
                List<String> lines = new ArrayList<>();
                lines.add("## Paced benchmark: " + accounts + " accounts x " + contacts + " contacts, " + vendors
                        + " vendors, " + products + " products; Inventory answering in " + LATENCY_MS + " ms, "
                        + PER_MINUTE + " requests a minute");
                lines.add("");
                lines.add(machine(service));
                lines.add("");

                // First sync: every module, one after the other, as a first start does
                resetStats(base);
                Map<String, Phase> first = new LinkedHashMap<>();
                long records = 0;
                long cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                for (String module : MODULES) {
                    Phase phase = run(control, base, module, Trigger.SCHEDULE);
                    first.put(module, phase);
                    records += phase.run.pull().read();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = (cpuNanos() - cpu0) / 1e9;
                Map<String, Long> firstStats = stats(base);
                long calls = firstStats.getOrDefault("inventory", 0L);
                long tooMany = firstStats.getOrDefault("inventory.429", 0L);
                double use = calls / (seconds / 60 * PER_MINUTE);
                Phase acc = first.get("accounts");
                double accountsUse = acc.inventory / (acc.seconds / 60 * PER_MINUTE);

                lines.add("### First sync (everything new)");
                lines.add("");
                lines.add(String.format("- %d CRM records in %.1f s; **%d Inventory calls, budget use %.1f %%** (calls /"
                        + " (duration x %d a minute)); **%d answers 429**", records, seconds, calls, use * 100, PER_MINUTE, tooMany));
                double writing = first.values().stream().mapToDouble(p -> p.seconds - p.beforeFirstCall).sum();
                lines.add(String.format("- the accounts run alone: %d Inventory calls in %.1f s, budget use **%.1f %%**; of"
                        + " its %.1f s, %.1f s pass before its first Inventory call (CRM pages read, contacts grouped under"
                        + " their accounts: a group is complete only once every contact is read)", acc.inventory, acc.seconds,
                        accountsUse * 100, acc.seconds, acc.beforeFirstCall));
                lines.add(String.format("- from each run's first Inventory call to its end (%.1f s in all): budget use **%.1f %%**",
                        writing, calls / (writing / 60 * PER_MINUTE) * 100));
                lines.add(String.format("- service CPU: %.1f s, **%.2f CPU s per 1,000 CRM records** (a freshly started JVM:"
                        + " the JIT's compiling included)", cpu, cpu * 1000 / records));
                lines.add("");
                lines.add("| module | CRM records read | Inventory writes | Inventory reads | Inventory calls per record | seconds | before the first Inventory call |");
                lines.add("|---|---|---|---|---|---|---|");
                for (Map.Entry<String, Phase> e : first.entrySet()) {
                    Phase p = e.getValue();
                    lines.add(String.format("| %s | %d | %d | %d | %.3f | %.1f | %.1f |", e.getKey(), p.run.pull().read(), p.writes,
                            p.reads, (double) p.inventory / recordsOf(e.getKey()), p.seconds, p.beforeFirstCall));
                }
                lines.add("");
                assertThat(tooMany).as("429 answers in the first sync").isZero();

                // Projection at the same pace: calls per record of each module, at the use measured
                double perVendor = (double) first.get("vendors").inventory / vendors;
                double perProduct = (double) first.get("products").inventory / products;
                double perAccount = (double) acc.inventory / accounts;
                lines.add("Projected first sync at Zoho's pace (N accounts, N/100 vendors, N/10 products, as in the pull"
                        + " benchmark; calls per record as measured above, at the budget use measured above):");
                lines.add("");
                lines.add("| accounts | Inventory calls | hours at " + PER_MINUTE + "/min, modules one after the other | days at 10,000 calls/day | days at 1,000 calls/day (free plan) |");
                lines.add("|---|---|---|---|---|");
                for (int n : new int[] {10_000, 100_000}) {
                    double projected = n * perAccount + n / 100.0 * perVendor + n / 10.0 * perProduct;
                    lines.add(String.format("| %,d | %,.0f | %.1f | %.1f | %.0f |", n, projected,
                            projected / (PER_MINUTE * use) / 60, projected / 10_000, projected / 1_000));
                }
                lines.add("");

                // Quiet sync: nothing changed
                resetStats(base);
                for (String module : MODULES) {
                    assertThat(control.runNow(SyncModule.of(module), Trigger.SCHEDULE).status()).isEqualTo(RunStatus.SUCCEEDED);
                }
                Map<String, Long> quiet = stats(base);
                lines.add(String.format("### Second sync (nothing changed): %d Inventory calls, %d CRM reads",
                        quiet.getOrDefault("inventory", 0L), quiet.getOrDefault("crm.read", 0L)));
                lines.add("");

                // A second batch of new records, synced as the schedule runs it: the three modules'
                // crons fire at the same times by default, so their runs share the budget at once,
                // and one module's CRM-only stretch is another's writing time.
                // The sandbox dates generated records one a second up to now; half the batch keeps
                // them all within the cursor's overlap (10 minutes), as recent edits are.
                int accounts2 = accounts / 2;
                int vendors2 = Math.max(1, vendors / 2);
                int products2 = Math.max(1, products / 2);
                assertThat(accounts2 * (1 + contacts) + vendors2 + products2).as("second batch within the overlap").isLessThan(560);
                call("POST", base + "/_admin/generate?accounts=" + accounts2 + "&contacts=" + contacts
                        + "&vendors=" + vendors2 + "&products=" + products2, null);
                resetStats(base);
                // a thread per module (the common pool of a 2-core machine has one)
                java.util.concurrent.ExecutorService fire = java.util.concurrent.Executors.newFixedThreadPool(MODULES.size());
                long cpu1 = cpuNanos();
                long t1 = System.nanoTime();
                List<java.util.concurrent.CompletableFuture<RunSummary>> together = MODULES.stream()
                        .map(m -> java.util.concurrent.CompletableFuture.supplyAsync(() -> control.runNow(SyncModule.of(m), Trigger.SCHEDULE), fire))
                        .toList();
                long togetherRead = 0;
                for (java.util.concurrent.CompletableFuture<RunSummary> f : together) {
                    RunSummary r = f.get();
                    assertThat(r.status()).as(r.module() + " " + r.message()).isEqualTo(RunStatus.SUCCEEDED);
                    togetherRead += r.pull().read();
                }
                double togetherSeconds = (System.nanoTime() - t1) / 1e9;
                double togetherCpu = (cpuNanos() - cpu1) / 1e9;
                fire.shutdown();
                Map<String, Long> togetherStats = stats(base);
                long togetherCalls = togetherStats.getOrDefault("inventory", 0L);
                double togetherUse = togetherCalls / (togetherSeconds / 60 * PER_MINUTE);
                lines.add("### First sync of a second batch (" + accounts2 + " accounts, " + vendors2 + " vendors, " + products2
                        + " products) as the schedule runs it: the three modules at once");
                lines.add("");
                lines.add(String.format("- %d new CRM records in %.1f s; **%d Inventory calls (%d writes, %d reads), budget use"
                        + " %.1f %%**; **%d answers 429**", togetherRead, togetherSeconds, togetherCalls,
                        togetherStats.getOrDefault("inventory.write", 0L), togetherStats.getOrDefault("inventory.read", 0L),
                        togetherUse * 100, togetherStats.getOrDefault("inventory.429", 0L)));
                lines.add(String.format("- service CPU, the JVM warm (the first sync's figure includes the JIT compiling a"
                        + " freshly started service): %.1f s, **%.2f CPU s per 1,000 CRM records**", togetherCpu,
                        togetherCpu * 1000 / togetherRead));
                lines.add("");
                lines.add("| accounts | Inventory calls | hours at " + PER_MINUTE + "/min, modules at once | days at 10,000 calls/day | days at 1,000 calls/day (free plan) |");
                lines.add("|---|---|---|---|---|");
                for (int n : new int[] {10_000, 100_000}) {
                    double projected = n * perAccount + n / 100.0 * perVendor + n / 10.0 * perProduct;
                    lines.add(String.format("| %,d | %,.0f | %.1f | %.1f | %.0f |", n, projected,
                            projected / (PER_MINUTE * togetherUse) / 60, projected / 10_000, projected / 1_000));
                }
                lines.add("");
                assertThat(togetherStats.getOrDefault("inventory.429", 0L)).as("429 answers, modules at once").isZero();
                assertThat(togetherStats.getOrDefault("inventory.write", 0L)).as("one write per new account, vendor and product")
                        .isEqualTo(accounts2 + vendors2 + products2);

                // Two-way: the first run after the switch reads both sides in full, the second is the steady state
                switchToTwoWay(service);
                Map<String, Long> quietWrites = new LinkedHashMap<>();
                lines.add("### Two-way: first run after the switch, then the steady state (the second quiet run)");
                lines.add("");
                lines.add("| module | run | Inventory calls | Inventory writes | CRM reads | CRM writes | seconds |");
                lines.add("|---|---|---|---|---|---|---|");
                for (String label : List.of("first after switching", "second (steady state)")) {
                    for (String module : MODULES) {
                        Phase p = run(control, base, module, Trigger.SCHEDULE);
                        lines.add(String.format("| %s | %s | %d | %d | %d | %d | %.1f |", module, label, p.inventory, p.writes,
                                p.crmReads, p.crmWrites, p.seconds));
                        quietWrites.put(module + " " + label, p.writes + p.crmWrites);
                    }
                }
                lines.add("");

                String report = String.join("\n", lines) + "\n";
                System.out.println(report);
                Path out = Path.of("target", "benchmark", "paced-" + accounts + ".md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
                assertThat(quietWrites).as("writes of two-way runs with nothing changed").allSatisfy((run, n) -> assertThat(n).isZero());
            }
        } finally {
            sandbox.destroy();
        }
    }

    private long recordsOf(String module) {
        return switch (module) {
            case "vendors" -> vendors;
            case "products" -> products;
            default -> accounts;
        };
    }

    /** One run of a module and what it cost, from the sandbox's counters. */
    private static Phase run(ModuleControl control, String base, String module, Trigger trigger) throws Exception {
        Map<String, Long> before = stats(base);
        long t = System.nanoTime();
        // when the run's first Inventory call is counted (polled): what comes before is CRM reading and grouping
        java.util.concurrent.atomic.AtomicLong firstCall = new java.util.concurrent.atomic.AtomicLong();
        Thread poller = new Thread(() -> {
            try {
                while (firstCall.get() == 0) {
                    if (stats(base).getOrDefault("inventory", 0L) > before.getOrDefault("inventory", 0L)) {
                        firstCall.set(System.nanoTime());
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "first-call");
        poller.setDaemon(true);
        poller.start();
        RunSummary run = control.runNow(SyncModule.of(module), trigger);
        long end = System.nanoTime();
        poller.interrupt();
        poller.join();
        double seconds = (end - t) / 1e9;
        double beforeFirstCall = firstCall.get() == 0 ? seconds : (firstCall.get() - t) / 1e9;
        assertThat(run.status()).as(module + " " + run.message()).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, Long> after = stats(base);
        return new Phase(run, seconds, beforeFirstCall, delta(after, before, "inventory"), delta(after, before, "inventory.write"),
                delta(after, before, "inventory.read"), delta(after, before, "crm.read"), delta(after, before, "crm.write"));
    }

    private static long delta(Map<String, Long> after, Map<String, Long> before, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    private record Phase(RunSummary run, double seconds, double beforeFirstCall, long inventory, long writes, long reads, long crmReads, long crmWrites) {
    }
}
