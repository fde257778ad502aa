package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.support.RawHttp;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.AuditLog;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Jolokia (full JMX over HTTP) against the attacks of the security review, sent by a logged-in
 * operator's tool and by a browser session: every one is refused, while what Hawtio's Camel views
 * and our pause need still works, from a tool with HTTP Basic and from Hawtio in a browser session
 * with its CSRF header.
 */
class JolokiaPolicyTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired CamelContext camel;
    @Autowired AuditLog audit;

    private RawHttp tool;
    private String login;

    @BeforeEach
    void operatorTool() {
        tool = new RawHttp(port);
        login = RawHttp.basic(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
    }

    private String context() {
        return "org.apache.camel:context=" + camel.getManagementName() + ",type=context,name=\"" + camel.getName() + "\"";
    }

    private String route(String id) {
        return "org.apache.camel:context=" + camel.getManagementName() + ",type=routes,name=\"" + id + "\"";
    }

    private JsonNode jolokia(Object request) throws Exception {
        HttpResponse<String> r = tool.send("POST", "/actuator/jolokia", JSON.writeValueAsString(request),
                "Authorization", login, "Content-Type", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void refused(JsonNode answer) {
        assertThat(answer.get("status").asInt()).as("Jolokia answer %s", answer).isEqualTo(403);
    }

    private static Map<String, Object> exec(String mbean, String operation, Object... arguments) {
        return Map.of("type", "exec", "mbean", mbean, "operation", operation, "arguments", List.of(arguments));
    }

    @Test
    void writingAFileThroughCamelsSendOperationsIsRefused() throws Exception {
        Path target = Path.of("target", "jolokia-attack");
        refused(jolokia(exec(context(), "sendStringBody(java.lang.String,java.lang.String)",
                "file:" + target.toAbsolutePath() + "?fileName=pwned.txt", "owned")));
        refused(jolokia(exec(context(), "sendBodyAndHeaders(java.lang.String,java.lang.Object,java.util.Map)",
                "file:" + target.toAbsolutePath() + "?fileName=pwned2.txt", "owned", Map.of())));
        refused(jolokia(exec(context(), "createEndpoint(java.lang.String)", "file:" + target.toAbsolutePath())));
        assertThat(target.resolve("pwned.txt")).doesNotExist();
        assertThat(target.resolve("pwned2.txt")).doesNotExist();
    }

    @Test
    void readingTheClientSecretOrATableThroughCamelsRequestOperationsIsRefused() throws Exception {
        JsonNode secret = jolokia(exec(context(), "requestStringBody(java.lang.String,java.lang.String)",
                "language:simple:${properties:sync.auth.client-secret} ${properties:sync.auth.refresh-token}", ""));
        refused(secret);
        assertThat(secret.toString()).doesNotContain(properties.getAuth().getClientSecret(), properties.getAuth().getRefreshToken());
        refused(jolokia(exec(context(), "requestBody(java.lang.String,java.lang.Object)",
                "sql:select * from module_settings", "")));
        // nor through system properties and JVM arguments, where -Dsync.auth.client-secret=... would show
        refused(jolokia(Map.of("type", "read", "mbean", "java.lang:type=Runtime", "attribute", "SystemProperties")));
        refused(jolokia(Map.of("type", "read", "mbean", "java.lang:type=Runtime", "attribute", "InputArguments")));
    }

    @Test
    void heapDumpsDiagnosticCommandsAndFlightRecordingsAreRefused() throws Exception {
        Path dump = Path.of("target", "jolokia-attack-heap.hprof").toAbsolutePath();
        refused(jolokia(exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap(java.lang.String,boolean)",
                dump.toString(), true)));
        assertThat(dump).doesNotExist();
        refused(jolokia(exec("com.sun.management:type=DiagnosticCommand", "jvmtiAgentLoad([Ljava.lang.String;)",
                List.of("/tmp/agent.so"))));
        refused(jolokia(exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties()")));
        refused(jolokia(Map.of("type", "read", "mbean", "com.sun.management:type=HotSpotDiagnostic",
                "attribute", "DiagnosticOptions")));
        refused(jolokia(exec("jdk.management.jfr:type=FlightRecorder", "newRecording()")));
        refused(jolokia(exec("java.lang:type=Memory", "gc()")));
        // writes of attributes are not allowed at all
        refused(jolokia(Map.of("type", "write", "mbean", route("vendors-sync"), "attribute", "Tracing", "value", true)));
    }

    @Test
    void theJsr160ProxyIsNotThereToOpenJmxConnectionsElsewhere() throws Exception {
        assertThatThrownBy(() -> Class.forName("org.jolokia.service.jsr160.Jsr160RequestHandler"))
                .isInstanceOf(ClassNotFoundException.class);
        // a "JMX server" the request names: with the proxy, Jolokia would connect to it
        try (java.net.ServerSocket target = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            target.setSoTimeout(2000);
            JsonNode answer = jolokia(Map.of("type", "read", "mbean", "java.lang:type=Memory", "attribute", "HeapMemoryUsage",
                    "target", Map.of("url", "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + target.getLocalPort() + "/jmxrmi")));
            assertThat(answer.toString()).as("answered by this JVM, if at all").doesNotContain("jmxrmi\",\"error");
            assertThatThrownBy(target::accept).as("nobody connected to the named target")
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
        HttpResponse<String> hawtioProxy = tool.send("POST", "/actuator/hawtio/proxy/localhost/8080/actuator/jolokia",
                "{\"type\":\"version\"}", "Authorization", login, "Content-Type", "application/json");
        assertThat(hawtioProxy.statusCode()).isIn(302, 401, 403);
    }

    @Test
    void aGetExecJsonpAndAForeignOriginAreRefusedBeforeJolokiaRuns() throws Exception {
        String suspend = "/actuator/jolokia/exec/" + route("vendors-sync").replace("\"", "%22") + "/suspend()";
        HttpResponse<String> get = tool.send("GET", suspend, null, "Authorization", login);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");

        RawHttp browser = new RawHttp(port);
        browser.loginWithForm(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
        assertThat(browser.send("GET", suspend, null).statusCode()).as("GET exec with only the session cookie").isEqualTo(405);
        assertThat(browser.send("GET", "/actuator/hawtio/jolokia/exec/" + route("vendors-sync").replace("\"", "%22")
                + "/suspend()", null).statusCode()).isEqualTo(405);
        assertThat(camel.getRouteController().getRouteStatus("vendors-sync")).isEqualTo(ServiceStatus.Started);
        assertThat(new RawHttp(port).module("vendors", login).get("paused").asBoolean()).isFalse();

        HttpResponse<String> jsonp = tool.send("POST", "/actuator/jolokia?callback=steal", "{\"type\":\"version\"}",
                "Authorization", login, "Content-Type", "application/json");
        assertThat(jsonp.statusCode()).isEqualTo(400);
        assertThat(jsonp.body()).doesNotContain("steal(");
        assertThat(browser.send("GET", "/actuator/jolokia/version?callback=steal", null).body()).doesNotContain("steal(");

        for (RawHttp who : List.of(tool, browser)) {
            HttpResponse<String> foreign = who.send("POST", "/actuator/jolokia", "{\"type\":\"version\"}",
                    "Authorization", login, "Content-Type", "application/json", "Origin", "https://evil.example");
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(foreign.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
            HttpResponse<String> preflight = who.send("OPTIONS", "/actuator/jolokia", null, "Origin", "https://evil.example",
                    "Access-Control-Request-Method", "POST");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        HttpResponse<String> sameOrigin = tool.send("POST", "/actuator/jolokia", "{\"type\":\"version\"}",
                "Authorization", login, "Content-Type", "application/json", "Origin", tool.origin());
        assertThat(sameOrigin.statusCode()).isEqualTo(200);
        assertThat(sameOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void hawtioInABrowserSessionSuspendsAndResumesARouteWithItsCsrfHeaderAndReadsItsViews() throws Exception {
        RawHttp browser = new RawHttp(port);
        browser.loginWithForm(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
        assertThat(browser.send("GET", "/actuator/hawtio/", null, "Accept", "text/html").statusCode()).isEqualTo(200);
        String xsrf = browser.xsrf();
        String[] hawtio = {"Content-Type", "application/json", "X-XSRF-TOKEN", xsrf, "Origin", browser.origin()};

        HttpResponse<String> noToken = browser.send("POST", "/actuator/hawtio/jolokia",
                JSON.writeValueAsString(exec(route("vendors-sync"), "suspend()")), "Content-Type", "application/json");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(new RawHttp(port).module("vendors", login).get("paused").asBoolean()).isFalse();

        HttpResponse<String> list = browser.send("POST", "/actuator/hawtio/jolokia",
                "{\"type\":\"list\",\"path\":\"org.apache.camel\",\"config\":{\"maxDepth\":7}}", hawtio);
        assertThat(JSON.readTree(list.body()).get("status").asInt()).as(list.body()).isEqualTo(200);
        HttpResponse<String> source = browser.send("POST", "/actuator/hawtio/jolokia",
                JSON.writeValueAsString(exec(context(), "dumpRoutesAsXml()")), hawtio);
        assertThat(JSON.readTree(source.body()).get("value").asText()).contains("vendors-sync");
        HttpResponse<String> state = browser.send("POST", "/actuator/hawtio/jolokia",
                JSON.writeValueAsString(Map.of("type", "read", "mbean", route("vendors-sync"), "attribute", "State")), hawtio);
        assertThat(JSON.readTree(state.body()).get("value").asText()).isEqualTo("Started");

        HttpResponse<String> suspended = browser.send("POST", "/actuator/hawtio/jolokia",
                JSON.writeValueAsString(exec(route("vendors-sync"), "suspend()")), hawtio);
        assertThat(JSON.readTree(suspended.body()).get("status").asInt()).as(suspended.body()).isEqualTo(200);
        assertThat(new RawHttp(port).module("vendors", login).get("paused").asBoolean()).isTrue();
        HttpResponse<String> resumed = browser.send("POST", "/actuator/hawtio/jolokia",
                JSON.writeValueAsString(exec(route("vendors-sync"), "resume()")), hawtio);
        assertThat(JSON.readTree(resumed.body()).get("status").asInt()).isEqualTo(200);
        assertThat(new RawHttp(port).module("vendors", login).get("paused").asBoolean()).isFalse();
    }

    @Test
    void theModuleMBeansPauseResumeAndSyncThroughJolokiaAndTheOperatorIsAudited() throws Exception {
        String vendors = "io.crminventorysync:context=\"" + camel.getManagementName() + "\",type=modules,name=vendors";
        JsonNode paused = jolokia(exec(vendors, "pause(java.lang.String)", "stock count"));
        assertThat(paused.get("status").asInt()).as(paused.toString()).isEqualTo(200);
        assertThat(new RawHttp(port).module("vendors", login).get("pausedReason").asText()).contains("stock count");
        assertThat(jolokia(Map.of("type", "read", "mbean", vendors, "attribute", "Paused")).get("value").asBoolean()).isTrue();
        assertThat(jolokia(exec(vendors, "resume()")).get("status").asInt()).isEqualTo(200);
        assertThat(new RawHttp(port).module("vendors", login).get("paused").asBoolean()).isFalse();

        List<AuditLog.Entry> entries = audit.page(0, 10).entries();
        assertThat(entries).extracting(AuditLog.Entry::action).startsWith(AuditLog.RESUMED, AuditLog.PAUSED);
        assertThat(entries.get(0).actor()).isEqualTo(properties.getSecurity().getUsername() + " (JMX)");
        assertThat(entries.get(1).detail()).isEqualTo("stock count");
    }
}
