package io.crminventorysync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crminventorysync.CrmInventorySyncApplication;
import io.crminventorysync.sandbox.SandboxAdmin;
import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A database outage under a running sync, with a MariaDB this test starts and kills itself (its own
 * data directory and port): health answers DOWN within a couple of seconds instead of hanging (a
 * liveness probe would restart a node that recovers on its own), and once the database is back the
 * node carries on without a restart: the run that met the outage ends, the next one succeeds.
 */
class DatabaseOutageTest {

    private final Path dataDir = Path.of("target", "outage-db-" + System.nanoTime()).toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int dbPort;
    private Process db;
    private ConfigurableApplicationContext app;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void startDatabase() throws Exception {
        db = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + dataDir, "--port=" + dbPort,
                "--bind-address=127.0.0.1", "--socket=" + dataDir.resolve("mariadb.sock"),
                "--pid-file=" + dataDir.resolve("mariadb.pid"), "--user=root", "--skip-log-bin", "--innodb-buffer-pool-size=32M")
                .redirectErrorStream(true).redirectOutput(new File(dataDir + ".log")).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            try (var c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + dbPort + "/", "root", "")) {
                return c.isValid(1);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> health(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthSaysDownWithinSecondsAndTheNodeCarriesOnWhenTheDatabaseIsBack() throws Exception {
        Files.createDirectories(dataDir);
        Process install = new ProcessBuilder("/usr/bin/mariadb-install-db", "--no-defaults", "--datadir=" + dataDir,
                "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(new File(dataDir + "-install.log")).start();
        assertThat(install.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(install.exitValue()).as("mariadb-install-db, see " + dataDir + "-install.log").isZero();
        dbPort = freePort();
        startDatabase();
        try (var c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + dbPort + "/", "root", "")) {
            c.createStatement().execute("CREATE DATABASE sync CHARACTER SET utf8mb4");
        }

        app = new SpringApplication(CrmInventorySyncApplication.class).run("--spring.profiles.active=test", "--server.port=0",
                "--spring.datasource.url=jdbc:mysql://127.0.0.1:" + dbPort + "/sync",
                "--spring.datasource.username=root", "--spring.datasource.password=",
                "--spring.datasource.hikari.connection-timeout=3000",
                "--spring.quartz.properties.org.quartz.scheduler.instanceName=outage-" + System.nanoTime());
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        SandboxAdmin sandbox = app.getBean(SandboxAdmin.class);
        sandbox.generate(0, 0, 300, 0, 0, 0);
        sandbox.knobs().setInventoryLatencyMs(15);
        ModuleControl control = app.getBean(ModuleControl.class);
        RunStore runs = app.getBean(RunStore.class);

        long runId = control.start(SyncModule.VENDORS, Trigger.INSTANT);
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.get(runId).map(r -> r.pull().created() > 20).orElse(false));
        db.destroyForcibly().waitFor();

        long asked = System.nanoTime();
        HttpResponse<String> down = health(port);
        Duration took = Duration.ofNanos(System.nanoTime() - asked);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(took).as("health answered in %s", took).isLessThan(Duration.ofSeconds(4));

        Thread.sleep(2000); // the outage goes on a little while the run meets it
        startDatabase();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> health(port).statusCode() == 200);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> runs.get(runId).map(r -> r.status() != RunStatus.RUNNING).orElse(false));
        // the run met the outage in a record (PARTIAL: those records failed) or between its stages
        // (FAILED: it could not go on); either way it is closed, not left RUNNING, and the next run repairs
        assertThat(runs.get(runId).orElseThrow().status()).isIn(RunStatus.PARTIAL, RunStatus.SUCCEEDED, RunStatus.FAILED);

        RunSummary next = control.runNow(SyncModule.VENDORS, Trigger.INSTANT);
        assertThat(next.status()).as(() -> "next run's errors: " + runs.errors(next.id(), null)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.inventoryContacts()).filteredOn(c -> "vendor".equals(c.get("contact_type"))).hasSize(300);
    }
}
