package io.crminventorysync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crminventorysync.CrmInventorySyncApplication;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.mapping.MappingRegistry;
import io.crminventorysync.sandbox.SandboxAdmin;
import io.crminventorysync.support.DatabaseCleaner;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A mapping saved on one node is used by the next run on both nodes of a cluster, without a
 * restart: two service nodes on one database (as ClusterRunsTest), each with its own sandbox; the
 * mapping of vendors is edited over HTTP on node A to send a CRM custom field to an Inventory custom
 * field, then a run on node B, and one on node A, carry it.
 */
@Tag("sql")
class MappingClusterTest {

    private final String cluster = "mapping-" + UUID.randomUUID();
    private final String db = System.getProperty("sync.test.datasource-url",
            "jdbc:h2:mem:" + cluster + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    private final HttpClient client = HttpClient.newHttpClient();
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    private ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(CrmInventorySyncApplication.class)
                .profiles("test")
                .run("--server.port=0",
                        "--spring.datasource.url=" + db,
                        "--sync.node-name=" + name,
                        "--spring.jmx.unique-names=true",
                        "--camel.main.jmx-enabled=false",
                        "--spring.quartz.properties.org.quartz.scheduler.instanceName=" + cluster,
                        "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
    }

    @AfterEach
    void stop() {
        if (a != null && a.isActive()) {
            DatabaseCleaner.clean(a.getBean(JdbcTemplate.class));
        }
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    /** The custom fields on both sides of a node's sandbox, and a CRM vendor holding a value. */
    private static void vendorWithRating(ConfigurableApplicationContext node, String name, String rating) {
        SandboxAdmin sandbox = node.getBean(SandboxAdmin.class);
        sandbox.crmAddCustomField("Vendors", "Supplier_Rating", "Supplier Rating", "text");
        sandbox.inventoryAddCustomField("contacts", "cf_supplier_rating", "Supplier Rating", "string");
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", name, "Supplier_Rating", rating));
    }

    private static String ratingInInventory(ConfigurableApplicationContext node, String name) {
        return String.valueOf(node.getBean(SandboxAdmin.class).inventoryContactByName(name).orElseThrow().get("custom_fields"));
    }

    @Test
    void aMappingSavedOnOneNodeIsUsedByTheNextRunOnBothNodesWithoutARestart() throws Exception {
        a = node("node-a");
        DatabaseCleaner.clean(a.getBean(JdbcTemplate.class));
        b = node("node-b");
        vendorWithRating(a, "Aster Metals", "A");
        vendorWithRating(b, "Birch Timber", "B");
        assertThat(b.getBean(MappingRegistry.class).version("vendors")).isZero();

        // the vendor record's fields as node A gives them, plus the custom-to-custom row
        ObjectMapper json = new ObjectMapper();
        ObjectNode mapping = (ObjectNode) json.readTree(call(a, "GET", "/api/modules/vendors/mapping", null).body());
        ObjectNode vendor = (ObjectNode) mapping.at("/records/0");
        ((ArrayNode) vendor.get("fields")).addObject().put("crm", "Supplier_Rating").put("inventory", "cf_supplier_rating")
                .put("direction", "pull").put("custom", "both");
        ObjectNode body = json.createObjectNode();
        body.putArray("records").add(vendor);
        HttpResponse<String> saved = call(a, "PUT", "/api/modules/vendors/mapping", json.writeValueAsString(body));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).contains("\"version\":1");

        RunSummary onB = b.getBean(ModuleControl.class).runNow(SyncModule.VENDORS, Trigger.INSTANT);
        assertThat(onB.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(onB.node()).isEqualTo("node-b");
        assertThat(b.getBean(MappingRegistry.class).version("vendors")).isEqualTo(1);
        assertThat(ratingInInventory(b, "Birch Timber")).contains("cf_supplier_rating").contains("B");

        RunSummary onA = a.getBean(ModuleControl.class).runNow(SyncModule.VENDORS, Trigger.INSTANT);
        assertThat(onA.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(ratingInInventory(a, "Aster Metals")).contains("cf_supplier_rating").contains("A");
    }

    private HttpResponse<String> call(ConfigurableApplicationContext node, String method, String path, String body) throws Exception {
        SyncProperties p = node.getBean(SyncProperties.class);
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        String auth = Base64.getEncoder().encodeToString((p.getSecurity().getUsername() + ":" + p.getSecurity().getPassword())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
