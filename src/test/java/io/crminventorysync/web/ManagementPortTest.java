package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.support.RawHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the README tells production to do: management (Hawtio, Jolokia, metrics) on its own port bound
 * to localhost. The service's own port then has no actuator at all, and the management port keeps
 * the same login, Jolokia policy and guards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0",
    "management.server.address=127.0.0.1"
})
class ManagementPortTest {

    @LocalServerPort int port;
    @LocalManagementPort int managementPort;
    @Autowired SyncProperties properties;

    @Test
    void jolokiaAndHawtioLiveOnlyOnTheManagementPortBehindTheSameLogin() {
        String login = RawHttp.basic(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
        RawHttp service = new RawHttp(port);
        assertThat(service.send("POST", "/actuator/jolokia", "{\"type\":\"version\"}", "Authorization", login,
                "Content-Type", "application/json").statusCode()).isEqualTo(404);
        assertThat(service.send("GET", "/api/modules", null, "Authorization", login).statusCode()).isEqualTo(200);

        RawHttp management = new RawHttp(managementPort);
        HttpResponse<String> anonymous = management.send("POST", "/actuator/jolokia", "{\"type\":\"version\"}",
                "Content-Type", "application/json");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> version = management.send("POST", "/actuator/jolokia", "{\"type\":\"version\"}",
                "Authorization", login, "Content-Type", "application/json");
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).contains("\"status\":200");
        assertThat(management.send("GET", "/actuator/jolokia/version", null, "Authorization", login).statusCode())
                .as("POST only here too").isEqualTo(405);
        String heapDump = "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                + "\"operation\":\"dumpHeap(java.lang.String,boolean)\",\"arguments\":[\"target/mgmt.hprof\",true]}";
        assertThat(management.send("POST", "/actuator/jolokia", heapDump, "Authorization", login,
                "Content-Type", "application/json").body()).contains("\"status\":403");
        assertThat(management.send("GET", "/actuator/health", null).statusCode()).isIn(200, 503);
        HttpResponse<String> hawtio = management.send("GET", "/actuator/hawtio/", null, "Accept", "text/html");
        assertThat(hawtio.statusCode()).as("Hawtio wants the login form").isIn(302, 401);
    }
}
