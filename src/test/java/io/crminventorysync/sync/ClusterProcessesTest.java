package io.crminventorysync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.CrmInventorySyncApplication;
import io.crminventorysync.sandbox.SandboxAdmin;
import io.crminventorysync.support.DatabaseCleaner;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two service processes on one database: node-a runs in this JVM (with the sandbox both nodes talk
 * to), node-b is a second JVM started from the test class path. Each cron fire of the clustered
 * trigger runs once, whichever process takes it, and an instant sync on node-a while node-b runs
 * the module answers 409 with node-b's run. The database is the MariaDB of sync.test.datasource-url
 * in CI, otherwise an H2 file database shared through H2's automatic server mode.
 */
@Tag("sql")
class ClusterProcessesTest {

    private static final String EVERY_TWO_SECONDS = "0/2 * * * * ?";

    private final String cluster = "processes-" + UUID.randomUUID();
    private final String db = System.getProperty("sync.test.datasource-url",
            "jdbc:h2:file:" + Path.of("target", cluster, "sync").toAbsolutePath()
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE");
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private ConfigurableApplicationContext a;
    private Process b;

    @AfterEach
    void stop() throws Exception {
        if (b != null) {
            b.destroy();
            b.waitFor();
        }
        if (a != null && a.isActive()) {
            a.getBean(SandboxAdmin.class).knobs().setLatencyMs(0);
            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            DatabaseCleaner.clean(jdbc);
            jdbc.update("UPDATE module_settings SET cron = ? WHERE module = 'vendors'",
                    a.getBean(io.crminventorysync.config.SyncProperties.class).module("vendors").getCron());
            a.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString("test-operator:test-password".getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> call(int port, String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basicAuth())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Node-b: the same application in its own JVM, talking to node-a's sandbox. */
    private Process startNodeB(int port, int sandboxPort) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String sandbox = "http://localhost:" + sandboxPort + "/sandbox";
        return new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, CrmInventorySyncApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=" + port,
                "--spring.datasource.url=" + db,
                "--sync.node-name=node-b",
                "--sync.sandbox.enabled=false",
                "--sync.auth.accounts-url=" + sandbox + "/accounts",
                "--sync.crm.api-url=" + sandbox + "/crm/v7",
                "--sync.inventory.api-url=" + sandbox + "/inventory/v1",
                "--spring.quartz.properties.org.quartz.scheduler.instanceName=" + cluster,
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000")
                .redirectErrorStream(true)
                .redirectOutput(new File("target/" + cluster + "-node-b.log"))
                .start();
    }

    private void awaitHealthy(int port, Process process, String name) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as(name + " process (see target/" + cluster + "-" + name + ".log)").isTrue();
            try {
                return call(port, "GET", "/actuator/health").statusCode() == 200;
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
    }

    private List<RunSummary> scheduledVendorRuns() {
        return a.getBean(RunStore.class).history(SyncModule.VENDORS, RunStore.HISTORY_SIZE).stream()
                .filter(r -> r.trigger() == Trigger.SCHEDULE).toList();
    }

    @Test
    void twoProcessesOnOneDatabaseRunEachFireOnceAndRefuseAnInstantSyncWhileTheOtherRuns() throws Exception {
        a = new SpringApplicationBuilder(CrmInventorySyncApplication.class).profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + db, "--sync.node-name=node-a",
                        "--camel.main.jmx-enabled=false", "--spring.jmx.unique-names=true",
                        "--spring.quartz.properties.org.quartz.scheduler.instanceName=" + cluster,
                        "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
        int portA = ((WebServerApplicationContext) a).getWebServer().getPort();
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        DatabaseCleaner.clean(jdbc);
        // node-b's schedule route reads the stored cron when it starts and reschedules the shared trigger
        jdbc.update("UPDATE module_settings SET cron = ? WHERE module = 'vendors'", EVERY_TWO_SECONDS);
        SandboxAdmin sandbox = a.getBean(SandboxAdmin.class);
        sandbox.generate(0, 0, 20, 0, 0, 0);

        int portB = freePort();
        b = startNodeB(portB, portA);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(b.isAlive()).as("node-b process (see target/" + cluster + "-node-b.log)").isTrue();
            try {
                return call(portB, "GET", "/actuator/health").statusCode() == 200;
            } catch (java.io.IOException notYet) {
                return false;
            }
        });

        // each cron tick: one run, by whichever process took the fire
        long sinceB = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(40)).until(() ->
                scheduledVendorRuns().stream().filter(r -> r.startedAt().toEpochMilli() >= sinceB).count() >= 5);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                System.currentTimeMillis() / 1000 % 2 == 1 && System.currentTimeMillis() % 1000 > 600
                        && scheduledVendorRuns().stream().allMatch(r -> r.endedAt() != null));
        List<RunSummary> scheduled = scheduledVendorRuns().stream()
                .filter(r -> r.startedAt().toEpochMilli() >= sinceB)
                .sorted(java.util.Comparator.comparing(RunSummary::startedAt)).toList();
        // one fire taken by both processes would start two runs at the same moment; a fire that a busy
        // machine starts late is still a second or more from the next one
        for (int i = 1; i < scheduled.size(); i++) {
            assertThat(Duration.between(scheduled.get(i - 1).startedAt(), scheduled.get(i).startedAt()))
                    .as("runs of two cron ticks %s", scheduled).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        }
        assertThat(scheduled).extracting(RunSummary::node).isSubsetOf(Set.of("node-a", "node-b"));

        // node-b runs the module slowly; an instant sync on node-a meanwhile answers 409 with that run
        sandbox.knobs().setLatencyMs(3000);
        long[] runOnB = new long[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> started = call(portB, "POST", "/api/modules/vendors/sync");
            if (started.statusCode() == 202) {
                runOnB[0] = json.readTree(started.body()).get("runId").asLong();
                return true;
            }
            return false;
        });
        HttpResponse<String> overlap = call(portA, "POST", "/api/modules/vendors/sync");
        assertThat(overlap.statusCode()).isEqualTo(409);
        JsonNode answer = json.readTree(overlap.body());
        assertThat(answer.get("reason").asText()).isEqualTo("IN_PROGRESS");
        assertThat(answer.get("runId").asLong()).isEqualTo(runOnB[0]);
        assertThat(answer.get("error").asText()).contains("node-b");
    }

    /**
     * A node killed (SIGKILL) in the middle of a run and started again under its name closes that run
     * FAILED ("node restarted") and releases its claim at once: its next sync is accepted, instead of
     * answering 409 until the run-lock timeout (10 minutes) passes.
     */
    @Test
    void aNodeKilledDuringARunAndRestartedIsNotLockedOutOfItsOwnModule() throws Exception {
        a = new SpringApplicationBuilder(CrmInventorySyncApplication.class).profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + db, "--sync.node-name=node-a",
                        "--camel.main.jmx-enabled=false", "--spring.jmx.unique-names=true",
                        "--spring.quartz.properties.org.quartz.scheduler.instanceName=" + cluster,
                        "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
        int portA = ((WebServerApplicationContext) a).getWebServer().getPort();
        DatabaseCleaner.clean(a.getBean(JdbcTemplate.class));
        SandboxAdmin sandbox = a.getBean(SandboxAdmin.class);
        sandbox.generate(0, 0, 20, 0, 0, 0);
        int portB = freePort();
        b = startNodeB(portB, portA);
        awaitHealthy(portB, b, "node-b");

        sandbox.knobs().setLatencyMs(3000);
        HttpResponse<String> started = call(portB, "POST", "/api/modules/vendors/sync");
        assertThat(started.statusCode()).isEqualTo(202);
        long killedRun = json.readTree(started.body()).get("runId").asLong();
        b.destroyForcibly().waitFor();
        sandbox.knobs().setLatencyMs(0);
        assertThat(call(portA, "POST", "/api/modules/vendors/sync").statusCode())
                .as("another node still waits for the run-lock timeout").isEqualTo(409);

        b = startNodeB(portB, portA);
        awaitHealthy(portB, b, "node-b");

        assertThat(a.getBean(RunStore.class).get(killedRun).orElseThrow()).satisfies(run -> {
            assertThat(run.status()).isEqualTo(SyncEnums.RunStatus.FAILED);
            assertThat(run.message()).contains("node restarted");
        });
        HttpResponse<String> again = call(portB, "POST", "/api/modules/vendors/sync");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    }
}
