package io.crminventorysync.config;

import io.crminventorysync.sync.SyncModule;
import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.sandbox.SandboxAdmin;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What the README promises of the demo command: the service starts with no credentials, reports
 * UP, and its initial sync turns the seeded CRM into Inventory records (Aztec Technologies with
 * Frankline, Jose and Nisha), and its metrics are scraped. Only the database is swapped for one in
 * memory (and metrics export, which Spring Boot switches off in tests, is switched back on).
 */
@ActiveProfiles("demo")
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:demo-profile;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    "spring.quartz.properties.org.quartz.scheduler.instanceName=demo-profile-test"
})
class DemoProfileTest {

    @LocalServerPort int port;
    @Autowired RunStore runs;
    @Autowired SandboxAdmin sandbox;

    @Test
    void theDemoStartsUpReportsUpAndSyncsTheSeededAccountsAtOnce() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"UP\"").contains("\"db\"").contains("camelHealth");

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<RunSummary> accounts = runs.history(SyncModule.ACCOUNTS, 1);
        while (accounts.isEmpty() || accounts.get(0).status() == RunStatus.RUNNING) {
            assertThat(System.nanoTime()).as("initial accounts sync finished within 60 s").isLessThan(deadline);
            Thread.sleep(200);
            accounts = runs.history(SyncModule.ACCOUNTS, 1);
        }

        assertThat(accounts.get(0).status()).isIn(RunStatus.SUCCEEDED, RunStatus.PARTIAL);
        Map<String, Object> aztec = sandbox.inventoryContactByName("Aztec Technologies").orElseThrow();
        assertThat((List<?>) aztec.get("contact_persons")).hasSize(3);
        assertThat(runs.history(SyncModule.VENDORS, 1)).extracting(RunSummary::status).containsExactly(RunStatus.SUCCEEDED);

        HttpResponse<String> prometheus = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("demo:demo".getBytes()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        // behind the operator login; Camel route metrics (camel-micrometer) and the API calls by kind
        assertThat(prometheus.body()).contains("routeId=\"accounts-run\"").contains("zoho_api_calls_total{");
    }

    @Test
    void theDocumentedDemoLoginOpensTheControlPlane() throws Exception {
        String demo = "Basic " + java.util.Base64.getEncoder().encodeToString("demo:demo".getBytes());
        HttpResponse<String> modules = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/modules")).header("Authorization", demo).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(modules.statusCode()).isEqualTo(200);
        assertThat(modules.body()).contains("\"module\":\"accounts\"");
    }
}
