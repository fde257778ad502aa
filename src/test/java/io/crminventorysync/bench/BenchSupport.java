package io.crminventorysync.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.CrmInventorySyncApplication;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.ModuleSettingsStore;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncModule;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the benchmarks share: the sandbox started from the packaged jar as its own process (its
 * memory and CPU are not the service's), the service started in this JVM against it, and the
 * sandbox's admin API (knobs, generated data, call counters).
 */
final class BenchSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<String> MODULES = List.of("vendors", "products", "accounts");

    private BenchSupport() {
    }

    /** The sandbox on a free port, up and answering; its base URL is {@link #base(int)}. */
    static Process startSandbox(int port) throws Exception {
        String jar = System.getProperty("bench.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("bench.jar must name the packaged service jar (the benchmark profile sets it)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sandbox = new ProcessBuilder(java, "-Xmx4g", "-jar", jar, "--sandbox-only", "--server.port=" + port,
                "--sync.auth.client-id=bench-client", "--sync.auth.client-secret=bench-secret",
                "--sync.auth.refresh-token=bench-refresh-token", "--sync.inventory.organization-id=60000000001",
                "--logging.level.root=WARN", "--sync.sandbox.seed-demo-data=false")
                .redirectErrorStream(true)
                .redirectOutput(new File("target/benchmark-sandbox.log"))
                .start();
        waitUntilUp(base(port) + "/_admin/knobs", sandbox);
        return sandbox;
    }

    static String base(int port) {
        return "http://127.0.0.1:" + port + "/sandbox";
    }

    /**
     * The service, in this JVM, against the sandbox: schedules that never fire (the benchmark runs
     * the modules itself), warnings only in the log, and the given extra settings.
     */
    static ConfigurableApplicationContext startService(String sandbox, Path db, String... extra) {
        SpringApplication app = new SpringApplication(CrmInventorySyncApplication.class);
        // a port of the caller's replaces the random one (Spring joins a repeated argument's values)
        boolean port = List.of(extra).stream().anyMatch(a -> a.startsWith("--server.port="));
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=benchmark",
                port ? "--spring.main.banner-mode=off" : "--server.port=0",
                "--sync.sandbox.enabled=false",
                "--sync.security.password=bench-operator-password",
                "--sync.auth.accounts-url=" + sandbox + "/accounts",
                "--sync.auth.client-id=bench-client",
                "--sync.auth.client-secret=bench-secret",
                "--sync.auth.refresh-token=bench-refresh-token",
                "--sync.crm.api-url=" + sandbox + "/crm/v7",
                "--sync.inventory.api-url=" + sandbox + "/inventory/v1",
                "--sync.inventory.organization-id=60000000001",
                "--sync.modules.accounts.cron=0 0 0 1 1 ? 2099",
                "--sync.modules.vendors.cron=0 0 0 1 1 ? 2099",
                "--sync.modules.products.cron=0 0 0 1 1 ? 2099",
                "--logging.level.io.crminventorysync=WARN",
                "--logging.level.org.apache.camel=WARN"));
        args.addAll(List.of(extra));
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

    /** Every module switched to two-way (a settings change: the next run of each reads everything). */
    static void switchToTwoWay(ConfigurableApplicationContext service) {
        ModuleSettingsStore settings = service.getBean(ModuleSettingsStore.class);
        for (String module : MODULES) {
            ModuleSettings s = settings.get(SyncModule.of(module));
            settings.save(new ModuleSettings(s.module(), Direction.TWO_WAY, s.duplicatePolicy(), s.conflictPolicy(), s.deletePolicy(),
                    s.crmViewId(), s.crmSide(), s.cron(), s.reconcileCron(), false, null, null));
        }
    }

    static String machine(ConfigurableApplicationContext service) {
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (load average at start "
                + String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + "), Java "
                + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, " + LocalDate.now()
                + ", database " + service.getEnvironment().getProperty("spring.datasource.url").replaceAll(";.*", "");
    }

    /** CPU time of this JVM (the service) so far, in nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long pages(long records) {
        return Math.max(1, (records + 199) / 200);
    }

    static String call(String method, String url, Object body) throws Exception {
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

    /** The sandbox's call counters ("inventory", "inventory.write", "inventory.429", "crm.read", ...). */
    static Map<String, Long> stats(String base) throws Exception {
        return JSON.readValue(call("GET", base + "/_admin/stats", null), new TypeReference<>() { });
    }

    static void resetStats(String base) throws Exception {
        call("POST", base + "/_admin/stats/reset", null);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
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
}
