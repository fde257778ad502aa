package io.crminventorysync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crminventorysync.CrmInventorySyncApplication;
import io.crminventorysync.sandbox.SandboxAdmin;
import io.crminventorysync.support.DatabaseCleaner;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inventory's requests a minute belong to the organization: two nodes on one database (MariaDB
 * given by sync.test.datasource-url, or a shared in-memory H2), each running a different module at
 * the same time against one Inventory (node A's sandbox, which refuses with 429 whatever passes 600
 * calls in a minute), stay within the budget together: no 429, and together no faster than it allows.
 * Each node paced on its own would send up to twice the budget.
 */
@Tag("sql")
class SharedBudgetTest {

    private static final int PER_MINUTE = 600;
    private static final int RECORDS = 70;

    private final String cluster = "budget-" + UUID.randomUUID();
    private final String db = System.getProperty("sync.test.datasource-url",
            "jdbc:h2:mem:" + cluster + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    private ConfigurableApplicationContext node(String name, String zoho) {
        String base = zoho == null ? "http://localhost:${local.server.port}/sandbox" : zoho;
        return new SpringApplicationBuilder(CrmInventorySyncApplication.class)
                .profiles("test")
                .run("--server.port=0",
                        "--spring.datasource.url=" + db,
                        "--sync.node-name=" + name,
                        "--spring.jmx.unique-names=true",
                        "--camel.main.jmx-enabled=false",
                        "--spring.quartz.properties.org.quartz.scheduler.instanceName=" + cluster,
                        "--sync.inventory.requests-per-minute=" + PER_MINUTE,
                        // node B speaks to node A's sandbox: one CRM, one Inventory, one organization
                        "--sync.auth.accounts-url=" + base + "/accounts",
                        "--sync.crm.api-url=" + base + "/crm/v7",
                        "--sync.inventory.api-url=" + base + "/inventory/v1");
    }

    @AfterEach
    void stop() {
        if (a != null && a.isActive()) {
            DatabaseCleaner.clean(a.getBean(JdbcTemplate.class));
            a.getBean(JdbcTemplate.class).update("DELETE FROM sync_api_bucket");
            a.getBean(JdbcTemplate.class).update("DELETE FROM sync_api_usage");
        }
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void twoNodesRunningTwoModulesAtOnceKeepToOneBudgetWithNo429() {
        a = node("node-a", null);
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        DatabaseCleaner.clean(jdbc);
        jdbc.update("DELETE FROM sync_api_bucket");
        jdbc.update("DELETE FROM sync_api_usage");
        int port = ((WebServerApplicationContext) a).getWebServer().getPort();
        b = node("node-b", "http://localhost:" + port + "/sandbox");
        SandboxAdmin sandbox = a.getBean(SandboxAdmin.class);
        sandbox.reset();
        sandbox.knobs().setInventoryRequestsPerMinute(PER_MINUTE);
        sandbox.generate(RECORDS, 0, RECORDS, 0, 0, 0);
        sandbox.resetStats();

        long started = System.nanoTime();
        long vendors = a.getBean(ModuleControl.class).start(SyncModule.VENDORS, Trigger.INSTANT);
        long accounts = b.getBean(ModuleControl.class).start(SyncModule.ACCOUNTS, Trigger.INSTANT);
        RunStore runs = a.getBean(RunStore.class);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                runs.get(vendors).orElseThrow().status() != RunStatus.RUNNING
                        && runs.get(accounts).orElseThrow().status() != RunStatus.RUNNING);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        RunSummary v = runs.get(vendors).orElseThrow();
        RunSummary c = runs.get(accounts).orElseThrow();
        assertThat(v.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(c.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(v.node()).isEqualTo("node-a");
        assertThat(c.node()).isEqualTo("node-b");
        assertThat(v.pull().created()).isEqualTo(RECORDS);
        assertThat(c.pull().created()).isEqualTo(RECORDS);
        // the two runs overlapped: each started before the other ended
        assertThat(v.startedAt()).isBefore(c.endedAt());
        assertThat(c.startedAt()).isBefore(v.endedAt());

        long calls = sandbox.count("inventory.read") + sandbox.count("inventory.write");
        assertThat(calls).isGreaterThanOrEqualTo(2L * RECORDS);
        assertThat(sandbox.count("inventory.429")).as("Inventory never refused a call").isZero();
        // after the burst (a fiftieth of the budget), no faster than the rest of the minute's budget allows
        long capacity = PER_MINUTE / 50;
        Duration least = Duration.ofMillis((calls - capacity - 1) * 60_000 / (PER_MINUTE - capacity));
        assertThat(took).as("%d calls in %s", calls, took).isGreaterThanOrEqualTo(least);
    }
}
