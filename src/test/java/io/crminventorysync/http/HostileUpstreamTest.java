package io.crminventorysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.crminventorysync.support.RawHttp;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.RunSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service against an Inventory that misbehaves, over real HTTP: a proxy in front of the
 * sandbox that, on cue, echoes the request's access token and our client secret in its error
 * message, or answers far more than sync.http.max-response-size. The token never reaches a
 * run error, a run message, an API answer or a log line; the huge page fails its call with a clear
 * error and the run goes on to close.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileUpstreamTest extends SyncTestSupport {

    enum Mode { PASS, ECHO_TOKEN, HUGE }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 256 * 1024;
    private static final AtomicReference<Mode> MODE = new AtomicReference<>(Mode.PASS);
    private static final AtomicReference<String> SEEN_TOKEN = new AtomicReference<>();
    private static volatile int servicePort;
    private static final HttpServer PROXY = startProxy();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void inventoryThroughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("sync.inventory.api-url", () -> "http://127.0.0.1:" + PROXY.getAddress().getPort() + "/sandbox/inventory/v1");
        registry.add("sync.http.max-response-size", () -> LIMIT + "B");
    }

    @BeforeEach
    void proxyTo() {
        servicePort = port;
        MODE.set(Mode.PASS);
    }

    @AfterEach
    void calm() {
        MODE.set(Mode.PASS);
    }

    @AfterAll
    static void stopProxy() {
        PROXY.stop(0);
    }

    private static HttpServer startProxy() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            HttpClient client = HttpClient.newHttpClient();
            server.createContext("/", exchange -> {
                try {
                    answer(exchange, client);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, HttpClient client) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Mode mode = MODE.get();
        if (mode == Mode.ECHO_TOKEN && "POST".equals(exchange.getRequestMethod())) {
            SEEN_TOKEN.set(authorization.substring("Zoho-oauthtoken ".length()));
            send(exchange, 400, ("{\"code\":4,\"message\":\"Invalid value passed for authtoken. Received: Authorization: "
                    + authorization + "; form client_secret=test-secret&refresh_token=test-refresh-token; "
                    + "{\\\"access_token\\\":\\\"" + SEEN_TOKEN.get() + "\\\"}\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (mode == Mode.HUGE) {
            byte[] huge = new byte[8 * LIMIT];
            Arrays.fill(huge, (byte) ' ');
            byte[] start = "{\"code\":0,\"contacts\":[],\"page_context\":{\"has_more_page\":false}}".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(start, 0, huge, 0, start.length);
            send(exchange, 200, huge);
            return;
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePort
                        + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            forward.header("Authorization", authorization);
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            forward.header("Content-Type", type);
        }
        HttpResponse<byte[]> r = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        send(exchange, r.statusCode(), r.body());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientHungUp) {
                // the service stops reading a body that is too large
            }
        }
    }

    private String apiGet(String path) {
        RawHttp tool = new RawHttp(port);
        HttpResponse<String> r = tool.send("GET", path, null, "Authorization",
                RawHttp.basic(properties.getSecurity().getUsername(), properties.getSecurity().getPassword()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void anUpstreamMessageEchoingOurTokenAndSecretIsRedactedEverywhereItGoes(CapturedOutput output) throws Exception {
        sandbox.crmCreate("Accounts", Map.of("Account_Name", "Echo Industries"));
        MODE.set(Mode.ECHO_TOKEN);

        RunSummary run = run("accounts");

        String token = SEEN_TOKEN.get();
        assertThat(token).as("the proxy saw the real token").startsWith("1000.");
        String errors = apiGet("/api/runs/" + run.id() + "/errors");
        String summary = apiGet("/api/runs/" + run.id());
        String history = apiGet("/api/modules/accounts/history");
        JsonNode first = JSON.readTree(errors).get(0);
        assertThat(first.get("reason").asText()).contains("Invalid value passed for authtoken", "[redacted]");
        for (String text : new String[] {errors, summary, history, output.getAll()}) {
            assertThat(text).doesNotContain(token, "test-secret", "test-refresh-token");
        }
    }

    @Test
    void aPageFarOverTheSizeLimitFailsItsCallClearlyAndTheRunCloses() throws Exception {
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Bulky Supplies"));
        MODE.set(Mode.HUGE);

        RunSummary run = run("vendors");

        assertThat(run.endedAt()).isNotNull();
        String errors = apiGet("/api/runs/" + run.id() + "/errors");
        String summary = apiGet("/api/runs/" + run.id());
        assertThat(errors + summary).contains("larger than " + LIMIT + " bytes", "sync.http.max-response-size");
        MODE.set(Mode.PASS);
        assertThat(run("vendors").pull().created()).as("the next run, with a sane upstream, goes through").isEqualTo(1);
    }
}
