package io.crminventorysync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.CrmInventorySyncApplication;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.sandbox.SandboxAdmin;
import io.crminventorysync.support.DatabaseCleaner;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.KeyMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two service nodes on one database and one Quartz cluster (two Spring applications in this JVM,
 * each with its own Quartz instance id, web port, Camel context and sandbox; the database is the
 * MariaDB given by sync.test.datasource-url, or a shared in-memory H2): each cron fire runs once,
 * an instant sync on one node while the other runs the module answers 409 with that run, and a
 * pause and a cron change made over HTTP hold after a restart.
 */
@Tag("sql")
class ClusterRunsTest {

    private static final String EVERY_TWO_SECONDS = "0/2 * * * * ?";

    private final String cluster = "cluster-" + UUID.randomUUID();
    private final String db = System.getProperty("sync.test.datasource-url",
            "jdbc:h2:mem:" + cluster + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    private ConfigurableApplicationContext node(String name) {
        // command-line arguments: they win over application.yml (default properties would not)
        return new SpringApplicationBuilder(CrmInventorySyncApplication.class)
                .profiles("test")
                .run("--server.port=0",
                        "--spring.datasource.url=" + db,
                        "--sync.node-name=" + name,
                        // Two nodes in one JVM share one MBean server. Camel's JMX is off so both
                        // contexts keep the name "crm-inventory-sync", as on separate machines:
                        // camel-quartz stores the name of the context in the clustered job and
                        // the node that takes a fire looks its own context up by that name.
                        "--spring.jmx.unique-names=true",
                        "--camel.main.jmx-enabled=false",
                        // one Quartz cluster: the same scheduler name, instance ids AUTO
                        "--spring.quartz.properties.org.quartz.scheduler.instanceName=" + cluster,
                        "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
    }

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext ctx : new ConfigurableApplicationContext[] {b, a}) {
            if (ctx != null && ctx.isActive()) {
                ctx.getBean(SandboxAdmin.class).knobs().setLatencyMs(0);
            }
        }
        if (a != null && a.isActive()) {
            // leave a shared MariaDB as the other tests expect it: their cron, nothing paused
            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            DatabaseCleaner.clean(jdbc);
            jdbc.update("UPDATE module_settings SET cron = ? WHERE module = 'vendors'",
                    a.getBean(SyncProperties.class).module("vendors").getCron());
        }
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private HttpResponse<String> call(ConfigurableApplicationContext node, String method, String path, String body) throws Exception {
        SyncProperties p = node.getBean(SyncProperties.class);
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        String auth = Base64.getEncoder().encodeToString((p.getSecurity().getUsername() + ":" + p.getSecurity().getPassword())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every execution of the vendors job on this node's scheduler, by the fire time it was scheduled for. */
    private static List<Instant> countFires(ConfigurableApplicationContext node) throws Exception {
        List<Instant> fires = new CopyOnWriteArrayList<>();
        node.getBean(Scheduler.class).getListenerManager().addJobListener(new JobListenerSupport() {
            @Override
            public String getName() {
                return "fires-of-vendors";
            }

            @Override
            public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
                fires.add(context.getScheduledFireTime().toInstant());
            }
        }, KeyMatcher.keyEquals(JobKey.jobKey("vendors", "sync")));
        return fires;
    }

    private List<RunSummary> scheduledRuns(JdbcTemplate jdbc) {
        return a.getBean(RunStore.class).history(SyncModule.VENDORS, RunStore.HISTORY_SIZE).stream()
                .filter(r -> r.trigger() == Trigger.SCHEDULE).toList();
    }

    @Test
    void twoNodesRunEachFireOnceRefuseOverlapsAndKeepPauseAndCronAcrossRestarts() throws Exception {
        a = node("node-a");
        DatabaseCleaner.clean(a.getBean(JdbcTemplate.class));
        assertThat(call(a, "PUT", "/api/modules/vendors/settings", "{\"cron\":\"" + EVERY_TWO_SECONDS + "\"}").statusCode())
                .isEqualTo(200);
        assertThat(call(a, "POST", "/api/modules/products/pause", null).statusCode()).isEqualTo(200);
        a.close();

        // the restart: the pause is still there and the new cron now drives the clustered trigger
        a = node("node-a");
        b = node("node-b");
        List<Instant> firesA = countFires(a);
        List<Instant> firesB = countFires(b);
        assertThat(a.getBean(ModuleSettingsStore.class).get(SyncModule.PRODUCTS).paused()).isTrue();
        HttpResponse<String> refused = call(b, "POST", "/api/modules/products/sync", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json.readTree(refused.body()).get("reason").asText()).isEqualTo("PAUSED");

        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> firesA.size() + firesB.size() >= 4);
        // read between two fires (odd seconds), once the last fire's run has closed
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                System.currentTimeMillis() / 1000 % 2 == 1 && System.currentTimeMillis() % 1000 > 600
                        && scheduledRuns(jdbc).stream().allMatch(r -> r.endedAt() != null));
        List<Instant> fires = new ArrayList<>(firesA);
        fires.addAll(firesB);
        // node-a fired alone before node-b and the listeners were there: compare from the first counted fire on
        Instant firstCounted = fires.stream().min(Instant::compareTo).orElseThrow();
        List<RunSummary> scheduled = scheduledRuns(jdbc).stream().filter(r -> !r.startedAt().isBefore(firstCounted)).toList();
        assertThat(fires).as("fire times taken by node-a %s and node-b %s", firesA, firesB).doesNotHaveDuplicates();
        assertThat(fires).hasSize(scheduled.size());
        Map<Long, Long> runsPerTick = scheduled.stream()
                .collect(Collectors.groupingBy(r -> r.startedAt().getEpochSecond() / 2, Collectors.counting()));
        assertThat(runsPerTick.values()).as("runs per cron tick").allMatch(n -> n == 1);

        // node-a runs the module slowly; an instant sync on node-b meanwhile answers 409 with that run
        a.getBean(SandboxAdmin.class).knobs().setLatencyMs(4000);
        ModuleControl controlA = a.getBean(ModuleControl.class);
        long[] runOnA = new long[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                runOnA[0] = controlA.start(SyncModule.VENDORS, Trigger.INSTANT);
                return true;
            } catch (RunRefusedException scheduledRunInTheWay) {
                return false;
            }
        });
        HttpResponse<String> overlap = call(b, "POST", "/api/modules/vendors/sync", null);
        assertThat(overlap.statusCode()).isEqualTo(409);
        JsonNode answer = json.readTree(overlap.body());
        assertThat(answer.get("reason").asText()).isEqualTo("IN_PROGRESS");
        assertThat(answer.get("runId").asLong()).isEqualTo(runOnA[0]);
        assertThat(answer.get("error").asText()).contains("node-a");
    }
}
