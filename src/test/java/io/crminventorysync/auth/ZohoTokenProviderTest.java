package io.crminventorysync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The token provider against a throwaway token endpoint (JDK HttpServer, real HTTP): the answers the
 * sandbox may not produce on demand (throttle, slow refresh under concurrency).
 */
class ZohoTokenProviderTest {

    private HttpServer server;
    private final Queue<String[]> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> forms = new ArrayList<>();
    private volatile long answerDelayMillis;
    private SyncProperties properties;
    private ZohoTokenProvider provider;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/oauth/v2/token", exchange -> {
            int n = requests.incrementAndGet();
            synchronized (forms) {
                forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            try {
                Thread.sleep(answerDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String[] answer = answers.poll();
            if (answer == null) {
                answer = new String[] {"200", "{\"access_token\":\"1000.token" + n
                        + "\",\"api_domain\":\"https://www.zohoapis.com\",\"token_type\":\"Bearer\",\"expires_in\":3600}"};
            }
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        properties = new SyncProperties();
        properties.getAuth().setAccountsUrl("http://127.0.0.1:${token.port}");
        properties.getAuth().setClientId("cid");
        properties.getAuth().setClientSecret("the-client-secret");
        properties.getAuth().setRefreshToken("the-refresh-token");
        properties.getAuth().setMaxRefreshesPerMinute(3);
        properties.getHttp().setInitialBackoff(Duration.ofMillis(5));
        properties.getHttp().setMaxBackoff(Duration.ofMillis(20));
        MockEnvironment env = new MockEnvironment().withProperty("token.port", String.valueOf(server.getAddress().getPort()));
        provider = new ZohoTokenProvider(HttpClient.newHttpClient(), properties, env, new ObjectMapper(),
                new ZohoMetrics(new SimpleMeterRegistry()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheRefreshGrantAndCachesTheToken() {
        assertThat(provider.accessToken()).isEqualTo("1000.token1");
        assertThat(provider.accessToken()).isEqualTo("1000.token1");
        assertThat(requests).hasValue(1);
        assertThat(forms.get(0)).contains("refresh_token=the-refresh-token", "client_id=cid",
                "client_secret=the-client-secret", "grant_type=refresh_token");
        assertThat(provider.toString()).doesNotContain("1000.token1", "the-client-secret", "the-refresh-token");
    }

    @Test
    void concurrentCallersShareOneRefresh() throws Exception {
        answerDelayMillis = 300;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(pool.submit(() -> {
                go.await();
                return provider.accessToken();
            }));
        }
        go.countDown();
        for (Future<String> t : tokens) {
            assertThat(t.get()).isEqualTo("1000.token1");
        }
        pool.shutdown();
        assertThat(requests).hasValue(1);
    }

    @Test
    void aRejectedTokenIsRefreshedOnceForAllWhoSawIt() {
        String first = provider.accessToken();
        provider.invalidate(first);
        provider.invalidate(first);
        String second = provider.accessToken();
        provider.invalidate(first);
        assertThat(provider.accessToken()).isEqualTo(second).isNotEqualTo(first);
        assertThat(requests).hasValue(2);
    }

    @Test
    void invalidCodeIsACredentialErrorSayingWhatToDo() {
        answers.add(new String[] {"200", "{\"error\":\"invalid_code\"}"});
        assertThatThrownBy(provider::accessToken)
                .isInstanceOf(ZohoCredentialsException.class)
                .hasMessageContaining("the refresh token was refused by http://127.0.0.1:")
                .hasMessageContaining("invalid_code — create a new one")
                .satisfies(e -> assertThat(((ZohoApiException) e).kind()).isEqualTo(ZohoApiException.Kind.CREDENTIALS))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("the-refresh-token", "the-client-secret"));
    }

    @Test
    void invalidClientIsACredentialError() {
        answers.add(new String[] {"200", "{\"error\":\"invalid_client\"}"});
        assertThatThrownBy(provider::accessToken)
                .isInstanceOf(ZohoCredentialsException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("sync.auth.client-id");
    }

    @Test
    void theThrottleAnswerIsWaitedOut() {
        String throttle = "{\"error_description\":\"You have made too many requests continuously. Please try again "
                + "after some time.\",\"error\":\"Access Denied\",\"status\":\"failure\"}";
        answers.add(new String[] {"400", throttle});
        assertThat(provider.accessToken()).isEqualTo("1000.token2");
        assertThat(requests).hasValue(2);
    }

    @Test
    void atTheCeilingTheNextRefreshWaitsForTheWindowInsteadOfFailingAndAnInterruptEndsTheWait() throws Exception {
        for (int i = 0; i < 3; i++) {
            provider.invalidate(provider.accessToken());
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<String> fourth = pool.submit(provider::accessToken);
        Thread.sleep(1500);
        assertThat(fourth).as("still waiting for the oldest refresh to leave the minute").isNotDone();
        assertThat(requests).hasValue(3);

        pool.shutdownNow();
        assertThatThrownBy(fourth::get).hasCauseInstanceOf(ZohoApiException.class)
                .satisfies(e -> assertThat(((ZohoApiException) e.getCause()).kind()).isEqualTo(ZohoApiException.Kind.CANCELLED));
        assertThat(requests).hasValue(3);
    }

    @Test
    void theMarginIsAtMostHalfTheTokensLifetime() {
        properties.getAuth().setRefreshMargin(Duration.ofMinutes(5));
        answers.add(new String[] {"200", "{\"access_token\":\"1000.short\",\"expires_in\":6}"});
        java.time.Instant before = java.time.Instant.now();
        assertThat(provider.accessToken()).isEqualTo("1000.short");
        // used for 3 s of its 6, not refreshed at once because 6 s is less than the 5 min margin
        assertThat(provider.currentTokenRefreshDue()).isBetween(before.plusSeconds(2), before.plusSeconds(4));
        assertThat(provider.accessToken()).isEqualTo("1000.short");
        assertThat(requests).hasValue(1);
    }
}
