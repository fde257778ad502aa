package io.crminventorysync.bench;

import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.SyncModule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.CrmInventorySyncApplication;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.ModuleSettingsStore;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int accounts = Integer.getInteger("bench.accounts", 10_000);
    private final int contacts = Integer.getInteger("bench.contacts", 3);
    private final int vendors = Integer.getInteger("bench.vendors", Math.max(10, accounts / 100));
    private final int products = Integer.getInteger("bench.products", Math.max(10, accounts / 10));

    @Test
    void pullFirstSyncThenQuietSecondSync() throws Exception {
        int port = freePort();
        Process sandbox = startSandbox(port);
        String base = "http://127.0.0.1:" + port + "/sandbox";
        Path db = Files.createTempDirectory(Path.of("target"), "bench-db");
        try {
            waitUntilUp(base + "/_admin/knobs", sandbox);
            call("PUT", base + "/_admin/knobs", Map.of("inventoryRequestsPerMinute", 100_000, "crmMaxConcurrent", 100));
            call("POST", base + "/_admin/generate?accounts=" + accounts + "&contacts=" + contacts
                    + "&vendors=" + vendors + "&products=" + products, null);

            try (ConfigurableApplicationContext service = startService(base, db)) {
                ModuleControl control = service.getBean(ModuleControl.class);
                List<String> lines = new ArrayList<>();
                lines.add("## Pull benchmark: " + accounts + " accounts x " + contacts + " contacts, "
                        + vendors + " vendors, " + products + " products");
                lines.add("");
                lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores (load average at start "
                        + String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + "), Java "
                        + System.getProperty("java.version") + ", max heap "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, " + LocalDate.now()
                        + ", database " + service.getEnvironment().getProperty("spring.datasource.url").replaceAll(";.*", ""));
                lines.add("");

                System.gc();
                HeapSampler firstHeap = new HeapSampler();
                call("POST", base + "/_admin/stats/reset", null);
                Map<String, Long> firstRuns = new LinkedHashMap<>();
                long records = 0;
                long start = System.nanoTime();
                for (String module : List.of("vendors", "products", "accounts")) {
                    long t0 = System.nanoTime();
                    RunSummary run = control.runNow(SyncModule.of(module), Trigger.SCHEDULE);
                    firstRuns.put(module, (System.nanoTime() - t0) / 1_000_000);
                    assertThat(run.status()).as(module + " first run " + run.message()).isEqualTo(RunStatus.SUCCEEDED);
                    records += run.pull().read();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Long> first = stats(base);
                firstHeap.close();

                lines.add("### First sync (everything new)");
                lines.add("");
                lines.add(String.format("- %d CRM records in %.1f s: **%.0f records/s** (per module, ms: %s)",
                        records, seconds, records / seconds, firstRuns));
                lines.add("- service memory (-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m): " + firstHeap.report()
                        + "; kept after a full collection at the end: **" + retainedAfterFullGcMiB() + " MiB**");
                lines.add("");
                lines.add("| calls | measured | floor |");
                lines.add("|---|---|---|");
                lines.add("| Inventory writes | " + first.getOrDefault("inventory.write", 0L) + " | "
                        + (accounts + vendors + products) + " (one per account, contacts included, vendor, product) |");
                lines.add("| Inventory reads | " + first.getOrDefault("inventory.read", 0L) + " | "
                        + 2 * products + " (two key checks per new product, name then SKU; customers and vendors rely on Inventory's unique name) |");
                lines.add("| CRM reads | " + first.getOrDefault("crm.read", 0L) + " | "
                        + (pages(vendors) + pages(products) + pages(accounts) + pages(accounts * contacts)) + " (pages of 200) |");
                lines.add("| OAuth refreshes | " + first.getOrDefault("oauth.refresh", 0L) + " | 1 |");
                lines.add("");

                BindingStore bindings = service.getBean(BindingStore.class);
                assertThat(bindings.count(SyncModule.ACCOUNTS, BindingKind.RECORD)).isEqualTo(accounts);
                assertThat(bindings.count(SyncModule.ACCOUNTS, BindingKind.PERSON)).isEqualTo(accounts * contacts);

                call("POST", base + "/_admin/stats/reset", null);
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

                // Two-way, nothing changed: the switch is a settings change, so both directions
                // read everything once; the bindings' fingerprints and Inventory modified times
                // must make that cost no write on either side.
                ModuleSettingsStore settings = service.getBean(ModuleSettingsStore.class);
                for (String module : List.of("vendors", "products", "accounts")) {
                    ModuleSettings s = settings.get(SyncModule.of(module));
                    settings.save(new ModuleSettings(s.module(), Direction.TWO_WAY, s.duplicatePolicy(), s.conflictPolicy(), s.deletePolicy(),
                            s.crmViewId(), s.crmSide(), s.cron(), s.reconcileCron(), false, null, null));
                }
                call("POST", base + "/_admin/stats/reset", null);
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

    private static long pages(long records) {
        return Math.max(1, (records + 199) / 200);
    }

    private ConfigurableApplicationContext startService(String sandbox, Path db) {
        SpringApplication app = new SpringApplication(CrmInventorySyncApplication.class);
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=benchmark",
                "--server.port=0",
                "--sync.sandbox.enabled=false",
                "--sync.security.password=bench-operator-password",
                "--sync.auth.accounts-url=" + sandbox + "/accounts",
                "--sync.auth.client-id=bench-client",
                "--sync.auth.client-secret=bench-secret",
                "--sync.auth.refresh-token=bench-refresh-token",
                "--sync.crm.api-url=" + sandbox + "/crm/v7",
                "--sync.inventory.api-url=" + sandbox + "/inventory/v1",
                "--sync.inventory.organization-id=60000000001",
                // Zoho's 100 requests a minute would make 100,000 accounts a 17-hour run; the pacing
                // is measured by the client tests, the pipeline's cost here.
                "--sync.inventory.requests-per-minute=100000",
                "--sync.modules.accounts.cron=0 0 0 1 1 ? 2099",
                "--sync.modules.vendors.cron=0 0 0 1 1 ? 2099",
                "--sync.modules.products.cron=0 0 0 1 1 ? 2099",
                "--logging.level.io.crminventorysync=WARN",
                "--logging.level.org.apache.camel=WARN"));
        String mysql = System.getProperty("bench.mysql-url", "");
        if (!mysql.isBlank()) {
            args.add("--spring.datasource.url=" + mysql);
            args.add("--spring.datasource.username=" + System.getProperty("bench.mysql-username", "root"));
            args.add("--spring.datasource.password=" + System.getProperty("bench.mysql-password", ""));
        } else {
            args.add("--spring.datasource.url=jdbc:h2:file:" + db.toAbsolutePath() + "/sync;MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        }
        return app.run(args.toArray(String[]::new));
    }

    private static Process startSandbox(int port) throws Exception {
        String jar = System.getProperty("bench.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("bench.jar must name the packaged service jar (the benchmark profile sets it)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx4g", "-jar", jar, "--sandbox-only", "--server.port=" + port,
                "--sync.auth.client-id=bench-client", "--sync.auth.client-secret=bench-secret",
                "--sync.auth.refresh-token=bench-refresh-token", "--sync.inventory.organization-id=60000000001",
                "--logging.level.root=WARN", "--sync.sandbox.seed-demo-data=false")
                .redirectErrorStream(true)
                .redirectOutput(new File("target/benchmark-sandbox.log"))
                .start();
    }

    private static void waitUntilUp(String url, Process sandbox) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!sandbox.isAlive()) {
                throw new IllegalStateException("the sandbox process ended; see target/benchmark-sandbox.log");
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the sandbox did not start within 90 s");
    }

    private static String call(String method, String url, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static Map<String, Long> stats(String base) throws Exception {
        return JSON.readValue(call("GET", base + "/_admin/stats", null), new TypeReference<>() { });
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

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
