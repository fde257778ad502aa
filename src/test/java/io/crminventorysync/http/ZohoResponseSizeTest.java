package io.crminventorysync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.crminventorysync.auth.ZohoTokenProvider;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * An answer bigger than sync.http.max-response-size, from a real HTTP server this test starts: with
 * a Content-Length above the limit, and as an endless chunked body. Either fails that one call with
 * TOO_LARGE at once (no retry), and the heap never holds the body.
 */
class ZohoResponseSizeTest {

    private static final int LIMIT = 256 * 1024;

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger chunksSent = new AtomicInteger();
    private ZohoHttp http;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/oauth/v2/token", ex -> send(ex, 200,
                "{\"access_token\":\"1000.token\",\"expires_in\":3600}".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/api/declared", ex -> {
            calls.incrementAndGet();
            // says 5 MB up front, as a huge page would
            send(ex, 200, page(5 * 1024 * 1024));
        });
        server.createContext("/api/chunked", ex -> {
            calls.incrementAndGet();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = ex.getResponseBody()) {
                out.write("{\"data\":[\"".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 16 * 1024; i++) { // up to 1 GiB unless the client hangs up
                    out.write(chunk);
                    chunksSent.incrementAndGet();
                }
            } catch (IOException clientHungUp) {
                // expected: the client stops reading at the limit
            }
        });
        server.createContext("/api/small", ex -> {
            calls.incrementAndGet();
            send(ex, 200, page(LIMIT / 2));
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
        SyncProperties p = new SyncProperties();
        p.getAuth().setAccountsUrl("http://127.0.0.1:" + server.getAddress().getPort());
        p.getHttp().setInitialBackoff(Duration.ofMillis(5));
        p.getHttp().setMaxBackoff(Duration.ofMillis(20));
        p.getHttp().setMaxResponseSize(DataSize.ofBytes(LIMIT));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ZohoMetrics metrics = new ZohoMetrics(registry);
        HttpClient client = HttpClient.newHttpClient();
        ObjectMapper mapper = new ObjectMapper();
        http = new ZohoHttp(client, new ZohoTokenProvider(client, p, new MockEnvironment(), mapper, metrics), p,
                new CrmConcurrencyLimiter(p), BudgetDatabase.budget(p, registry), new InventoryPace(p), mapper, metrics);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static byte[] page(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) ' ');
        byte[] json = "{\"data\":[]}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, b, 0, json.length);
        return b;
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        } catch (IOException clientHungUp) {
            // the client refused the body after reading the headers
        }
    }

    private ZohoRequest get(String path) {
        return ZohoRequest.builder(ZohoApi.CRM, "read", "GET", base, path).build();
    }

    @Test
    void aDeclaredBodyAboveTheLimitFailsTheCallAtOnceNamingTheSetting() {
        assertThatThrownBy(() -> http.execute(get("/declared")))
                .isInstanceOfSatisfying(ZohoApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
                    assertThat(e.getMessage()).contains("larger than " + LIMIT + " bytes", "Content-Length 5242880",
                            "sync.http.max-response-size");
                    assertThat(e.isTransient()).isFalse();
                });
        assertThat(calls).as("not retried").hasValue(1);
    }

    @Test
    void anEndlessChunkedBodyIsCutOffAtTheLimit() {
        assertThatThrownBy(() -> http.execute(get("/chunked")))
                .isInstanceOfSatisfying(ZohoApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
                    assertThat(e.getMessage()).contains("larger than " + LIMIT + " bytes");
                });
        assertThat(calls).hasValue(1);
        // the client hung up long before the server could send its gigabyte
        assertThat(chunksSent.get()).isLessThan(1024);
    }

    @Test
    void anAnswerUnderTheLimitIsReadWhole() {
        ZohoResponse r = http.execute(get("/small"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).hasSize(LIMIT / 2).startsWith("{\"data\":[]}");
    }
}
