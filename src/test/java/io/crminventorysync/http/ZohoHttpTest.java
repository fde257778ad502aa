package io.crminventorysync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Retry rules of the HTTP core against a scripted server (real HTTP, answers on cue). */
class ZohoHttpTest {

    private HttpServer server;
    private final Queue<String[]> answers = new ConcurrentLinkedQueue<>();
    private final List<String> authHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private SimpleMeterRegistry registry;
    private ZohoHttp http;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/oauth/v2/token", ex -> reply(ex, "200",
                "{\"access_token\":\"1000.t" + tokens.incrementAndGet() + "\",\"expires_in\":3600}", null));
        server.createContext("/api", ex -> {
            authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
            String[] a = answers.poll();
            if (a == null) {
                a = new String[] {"200", "{\"data\":[]}"};
            }
            if (a.length > 3) {
                ex.getResponseHeaders().add(ApiBudget.CREDITS_REMAINING, a[3]);
            }
            reply(ex, a[0], a[1], a.length > 2 ? a[2] : null);
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
        SyncProperties p = new SyncProperties();
        p.getAuth().setAccountsUrl("http://127.0.0.1:" + server.getAddress().getPort());
        p.getHttp().setInitialBackoff(Duration.ofMillis(5));
        p.getHttp().setMaxBackoff(Duration.ofMillis(20));
        p.getHttp().setMaxRetries(2);
        registry = new SimpleMeterRegistry();
        ZohoMetrics metrics = new ZohoMetrics(registry);
        HttpClient client = HttpClient.newHttpClient();
        ObjectMapper mapper = new ObjectMapper();
        ZohoTokenProvider provider = new ZohoTokenProvider(client, p, new MockEnvironment(), mapper, metrics);
        http = new ZohoHttp(client, provider, p, new CrmConcurrencyLimiter(p), BudgetDatabase.budget(p, registry),
                new InventoryPace(p), mapper, metrics);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, String status, String body, String retryAfter)
            throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            ex.getResponseHeaders().add("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(Integer.parseInt(status), b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ZohoRequest get(ZohoApi api) {
        return ZohoRequest.builder(api, "read", "GET", base, "/Accounts").param("fields", "Account_Name")
                .rateKey("org").build();
    }

    private double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void a429BurstIsWaitedOutWithoutACountLimit() {
        for (int i = 0; i < 6; i++) {
            answers.add(new String[] {"429", "{\"code\":\"TOO_MANY_REQUESTS\",\"details\":{},\"message\":\"too many\","
                    + "\"status\":\"error\"}"});
        }
        assertThat(http.execute(get(ZohoApi.CRM)).status()).isEqualTo(200);
        assertThat(counter(ZohoMetrics.RATE_LIMITED, "api", "crm")).isEqualTo(6);
        assertThat(counter(ZohoMetrics.RETRIES, "api", "crm", "reason", "rate_limited")).isEqualTo(6);
        assertThat(counter(ZohoMetrics.CALLS, "api", "crm", "kind", "read")).isEqualTo(7);
    }

    @Test
    void retryAfterIsHonoured() {
        answers.add(new String[] {"429", "{\"code\":44,\"message\":\"slow down\"}", "1"});
        long started = System.nanoTime();
        assertThat(http.execute(get(ZohoApi.INVENTORY)).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void inventorysRefusalForTheDayEndsTheCallAndStopsTheNextOnesBeforeTheyAreSent() {
        answers.add(new String[] {"429", "{\"code\":45,\"message\":\"maximum number of API calls for the day\"}"});
        assertThatThrownBy(() -> http.execute(get(ZohoApi.INVENTORY)))
                .isInstanceOfSatisfying(ZohoApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.DAILY_LIMIT);
                    assertThat(e.getMessage()).contains("maximum number of API calls for the day", "calls resume at");
                });
        int sent = authHeaders.size();
        assertThatThrownBy(() -> http.execute(get(ZohoApi.INVENTORY)))
                .isInstanceOfSatisfying(ZohoApiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DAILY_LIMIT));
        assertThat(authHeaders).as("no call is sent while the day's budget is spent").hasSize(sent);
        // CRM has a budget of its own
        assertThat(http.execute(get(ZohoApi.CRM)).status()).isEqualTo(200);
    }

    @Test
    void crmCreditsDownToTheReserveStopTheNextCrmCallsBeforeTheyAreSent() {
        answers.add(new String[] {"200", "{\"data\":[]}", null, "2400"});
        assertThat(http.execute(get(ZohoApi.CRM)).status()).isEqualTo(200);
        answers.add(new String[] {"200", "{\"data\":[]}", null, "480"});
        assertThat(http.execute(get(ZohoApi.CRM)).status()).as("the call that tells is answered").isEqualTo(200);
        int sent = authHeaders.size();
        assertThatThrownBy(() -> http.execute(get(ZohoApi.CRM)))
                .isInstanceOfSatisfying(ZohoApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.DAILY_LIMIT);
                    assertThat(e.getMessage()).contains("CRM API credits down to 480", "sync.crm.credit-reserve");
                });
        assertThat(authHeaders).hasSize(sent);
        // Inventory has a budget of its own
        assertThat(http.execute(get(ZohoApi.INVENTORY)).status()).isEqualTo(200);
    }

    @Test
    void aDeadTokenIsRefreshedOnceAndTheCallRetriedOnce() {
        answers.add(new String[] {"401", "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\","
                + "\"status\":\"error\"}"});
        assertThat(http.execute(get(ZohoApi.CRM)).status()).isEqualTo(200);
        assertThat(authHeaders).containsExactly("Zoho-oauthtoken 1000.t1", "Zoho-oauthtoken 1000.t2");

        answers.add(new String[] {"401", "{\"code\":57,\"message\":\"You are not authorized\"}"});
        answers.add(new String[] {"401", "{\"code\":57,\"message\":\"You are not authorized\"}"});
        assertThatThrownBy(() -> http.execute(get(ZohoApi.INVENTORY)))
                .isInstanceOfSatisfying(ZohoApiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
        assertThat(tokens).hasValue(3);
        assertThat(counter(ZohoMetrics.RETRIES, "api", "inventory", "reason", "token_expired")).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedUpToTheLimit() {
        answers.add(new String[] {"500", "{\"code\":\"INTERNAL_ERROR\",\"details\":{},\"message\":\"x\",\"status\":\"error\"}"});
        answers.add(new String[] {"503", ""});
        assertThat(http.execute(get(ZohoApi.CRM)).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            answers.add(new String[] {"500", "{\"code\":\"INTERNAL_ERROR\",\"details\":{},\"message\":\"x\",\"status\":\"error\"}"});
        }
        assertThatThrownBy(() -> http.execute(get(ZohoApi.CRM)))
                .isInstanceOfSatisfying(ZohoApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SERVER);
                    assertThat(e.zohoCode()).isEqualTo("INTERNAL_ERROR");
                });
        assertThat(counter(ZohoMetrics.RETRIES, "api", "crm", "reason", "server_error")).isEqualTo(4);
    }

    @Test
    void aCreateIsNotRepeatedAfterAServerError() {
        answers.add(new String[] {"500", "{\"code\":1,\"message\":\"internal error\"}"});
        ZohoRequest create = ZohoRequest.builder(ZohoApi.INVENTORY, "write", "POST", base, "/contacts")
                .json("{\"contact_name\":\"Acme\"}").rateKey("org").build();
        assertThatThrownBy(() -> http.execute(create)).isInstanceOfSatisfying(ZohoApiException.class,
                e -> assertThat(e.getMessage()).contains("not retried"));
        assertThat(authHeaders).hasSize(1);
    }

    @Test
    void otherClientErrorsAreReturnedAtOnce() {
        answers.add(new String[] {"400", "{\"code\":3062,\"message\":\"already exists\"}"});
        assertThat(http.execute(get(ZohoApi.INVENTORY)).status()).isEqualTo(400);
        assertThat(authHeaders).hasSize(1);
    }

    @Test
    void anInterruptedCallerStopsWaiting() {
        for (int i = 0; i < 1000; i++) {
            answers.add(new String[] {"429", "{\"code\":\"TOO_MANY_REQUESTS\"}", "5"});
        }
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> http.execute(get(ZohoApi.CRM)))
                    .isInstanceOfSatisfying(ZohoApiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aFreshTokenRefusedAgainFailsTheCallAfterOneRefreshAndOneRetry() {
        String dead = "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\",\"status\":\"error\"}";
        answers.add(new String[] {"401", dead});
        answers.add(new String[] {"401", dead});
        assertThatThrownBy(() -> http.execute(get(ZohoApi.CRM)))
                .isInstanceOfSatisfying(ZohoApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("refused a freshly refreshed access token");
                });
        assertThat(tokens).as("token requests: the first and one refresh").hasValue(2);
        assertThat(authHeaders).containsExactly("Zoho-oauthtoken 1000.t1", "Zoho-oauthtoken 1000.t2");
    }
}
