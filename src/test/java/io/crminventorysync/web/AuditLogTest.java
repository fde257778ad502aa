package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.support.RawHttp;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.AuditLog;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit log: every change through the HTTP API and the module MBeans is recorded with who did
 * it, and GET /api/audit pages through it newest first (on H2 and MariaDB).
 */
@Tag("sql")
class AuditLogTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired CamelContext camel;

    private JsonNode send(RawHttp tool, String method, String path, String body, int status) throws Exception {
        String login = RawHttp.basic(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
        HttpResponse<String> r = body == null ? tool.send(method, path, null, "Authorization", login)
                : tool.send(method, path, body, "Authorization", login, "Content-Type", "application/json");
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    @Test
    void whoChangedSettingsPausedResumedSyncedAndSwitchedIsRecordedNewestFirst() throws Exception {
        RawHttp tool = new RawHttp(port);
        String operator = properties.getSecurity().getUsername();
        send(tool, "PUT", "/api/modules/vendors/settings", "{\"direction\":\"TWO_WAY\",\"duplicatePolicy\":\"OVERWRITE\"}", 200);
        send(tool, "POST", "/api/modules/vendors/pause", null, 200);
        send(tool, "POST", "/api/modules/vendors/pause", null, 200); // already paused: nothing changed, nothing recorded
        send(tool, "POST", "/api/modules/vendors/resume", null, 200);
        long runId = send(tool, "POST", "/api/modules/products/sync", null, 202).get("runId").asLong();
        send(tool, "PUT", "/api/settings/transactions", "{\"enabled\":true}", 200);
        send(tool, "POST", "/api/modules/accounts/pause", null, 409); // refused: not recorded
        send(tool, "PUT", "/api/settings/transactions", "{\"enabled\":false}", 200);
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("io.crminventorysync:context="
                + ObjectName.quote(camel.getManagementName()) + ",type=modules,name=products"), "pause", new Object[] {"stock count"},
                new String[] {String.class.getName()});

        JsonNode page = send(tool, "GET", "/api/audit?size=50", null, 200);
        List<String> actions = new ArrayList<>();
        page.get("entries").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly(AuditLog.PAUSED, AuditLog.TRANSACTION_MODULES_SWITCHED,
                AuditLog.TRANSACTION_MODULES_SWITCHED, AuditLog.SYNC_STARTED, AuditLog.RESUMED, AuditLog.PAUSED,
                AuditLog.SETTINGS_SAVED);
        assertThat(page.get("total").asLong()).isEqualTo(7);
        JsonNode entries = page.get("entries");
        assertThat(entries.get(0).get("actor").asText()).as("a local JMX console has no login of ours").isEqualTo("jmx");
        assertThat(entries.get(0).get("module").asText()).isEqualTo("products");
        assertThat(entries.get(0).get("detail").asText()).isEqualTo("stock count");
        assertThat(entries.get(1).get("detail").asText()).isEqualTo("disabled");
        assertThat(entries.get(3).get("target").asText()).isEqualTo("run " + runId);
        assertThat(entries.get(6).get("actor").asText()).isEqualTo(operator);
        assertThat(entries.get(6).get("detail").asText()).isEqualTo("direction ONE_WAY -> TWO_WAY; duplicatePolicy SKIP -> OVERWRITE");
        assertThat(entries.get(6).get("at").asText()).isNotBlank();
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).get("id").asLong()).isLessThan(entries.get(i - 1).get("id").asLong());
        }

        JsonNode second = send(tool, "GET", "/api/audit?page=1&size=3", null, 200);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("entries")).hasSize(3);
        assertThat(second.get("entries").get(0).get("id").asLong()).isEqualTo(entries.get(3).get("id").asLong());
        send(tool, "GET", "/api/audit?size=1000", null, 400);
        send(tool, "GET", "/api/audit?page=-1", null, 400);
    }
}
