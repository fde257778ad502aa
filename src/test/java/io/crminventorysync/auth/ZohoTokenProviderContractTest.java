package io.crminventorysync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.crm.CrmQuery;
import io.crminventorysync.crm.CrmWriteResult;
import io.crminventorysync.http.ClientContractSupport;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.crminventorysync.http.ZohoMetrics;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

class ZohoTokenProviderContractTest extends ClientContractSupport {

    private static final List<String> FIELDS = List.of("Account_Name");

    @Autowired
    HttpClient zohoHttpClient;
    @Autowired
    Environment environment;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    ZohoMetrics metrics;

    /** A provider of its own with other credentials, against the same sandbox accounts server. */
    private ZohoTokenProvider providerWith(String clientSecret, String refreshToken) {
        SyncProperties p = new SyncProperties();
        p.getAuth().setAccountsUrl(properties.getAuth().getAccountsUrl());
        p.getAuth().setClientId(properties.getAuth().getClientId());
        p.getAuth().setClientSecret(clientSecret);
        p.getAuth().setRefreshToken(refreshToken);
        p.getHttp().setInitialBackoff(properties.getHttp().getInitialBackoff());
        p.getHttp().setMaxBackoff(properties.getHttp().getMaxBackoff());
        return new ZohoTokenProvider(zohoHttpClient, p, environment, mapper, metrics);
    }

    private String accountsUrl() {
        return environment.resolveRequiredPlaceholders(properties.getAuth().getAccountsUrl());
    }

    @Test
    void aRevokedRefreshTokenIsACredentialErrorThatSaysWhatToDo() {
        assertThatThrownBy(() -> providerWith(properties.getAuth().getClientSecret(), "revoked-refresh-token").accessToken())
                .isInstanceOfSatisfying(ZohoCredentialsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
                    assertThat(e.zohoCode()).isEqualTo("invalid_code");
                    assertThat(e.getMessage()).contains("the refresh token was refused by " + accountsUrl()
                            + ": invalid_code — create a new one");
                });
    }

    @Test
    void aWrongClientSecretIsACredentialError() {
        assertThatThrownBy(() -> providerWith("wrong-secret", properties.getAuth().getRefreshToken()).accessToken())
                .isInstanceOfSatisfying(ZohoCredentialsException.class, e -> {
                    assertThat(e.zohoCode()).isEqualTo("invalid_client");
                    assertThat(e.getMessage()).contains("sync.auth.client-secret");
                });
    }

    @Test
    void concurrentCallsWithoutATokenShareOneRefresh() throws Exception {
        sandbox.generate(3, 0, 0, 0, 0, 0);
        sandbox.knobs().setLatencyMs(20);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(pool.submit(() -> {
                go.await();
                return records(CrmQuery.of("Accounts", FIELDS)).count();
            }));
        }
        go.countDown();
        for (Future<Long> c : calls) {
            assertThat(c.get()).isEqualTo(3);
        }
        pool.shutdown();
        assertThat(sandbox.count("oauth.refresh")).isEqualTo(1);
    }

    @Test
    void noSecretEverReachesALogLineOrAnErrorMessage() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        List<Logger> ours = new ArrayList<>();
        List<Level> levels = new ArrayList<>();
        for (String name : List.of("io.crminventorysync.http", "io.crminventorysync.auth", "io.crminventorysync.crm",
                "io.crminventorysync.inventory")) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            ours.add(l);
            levels.add(l.getLevel());
            l.setLevel(Level.TRACE);
        }
        Set<String> secrets = new LinkedHashSet<>(List.of(properties.getAuth().getClientSecret(),
                properties.getAuth().getRefreshToken(), "revoked-refresh-token", "wrong-secret", "Zoho-oauthtoken"));
        List<String> texts = new ArrayList<>();
        try {
            sandbox.generate(250, 0, 0, 0, 0, 0);
            secrets.add(tokens.accessToken());
            records(CrmQuery.of("Accounts", FIELDS)).count();
            sandbox.expireTokens();
            sandbox.knobs().setBurst429(2);
            List<CrmWriteResult> results = crmWriter.insert("Accounts", List.of(Map.of("Account_Name", "Gen1 Account 1"),
                    Map.of("Phone", "1")));
            results.forEach(r -> texts.add(r.toString()));
            secrets.add(tokens.accessToken());
            sandbox.knobs().setErrorRate(1.0);
            collect(texts, () -> inventory.getContact("1"));
            sandbox.knobs().setErrorRate(0);
            inventory.createContact(Map.of("contact_name", "Acme"));
            collect(texts, () -> inventory.createContact(Map.of("contact_name", "Acme")));
            collect(texts, () -> providerWith(properties.getAuth().getClientSecret(), "revoked-refresh-token").accessToken());
            collect(texts, () -> providerWith("wrong-secret", properties.getAuth().getRefreshToken()).accessToken());
            for (int i = 0; i < 4; i++) {
                // a fresh refresh budget each time: this test is about messages, not the ceiling's wait
                tokens.reset();
                sandbox.expireTokens();
                collect(texts, () -> records(CrmQuery.of("Accounts", FIELDS)).count());
                String current = tokensCurrentOrNull();
                if (current != null) {
                    secrets.add(current);
                }
            }
            texts.add(tokens.toString());
        } finally {
            root.detachAppender(captured);
            for (int i = 0; i < ours.size(); i++) {
                ours.get(i).setLevel(levels.get(i));
            }
        }
        for (ILoggingEvent event : captured.list) {
            if (event.getLoggerName().startsWith("io.crminventorysync.sandbox")) {
                continue;
            }
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getMessage());
            }
        }
        assertThat(captured.list).as("the flow logged refreshes and retries at all")
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("access token refreshed"))
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("rate limited"));
        assertThat(texts).as("messages checked").hasSizeGreaterThan(10);
        for (String secret : secrets) {
            assertThat(texts).as("no text contains a secret").allSatisfy(t -> assertThat(String.valueOf(t))
                    .doesNotContain(secret));
        }
    }

    private String tokensCurrentOrNull() {
        try {
            return tokens.accessToken();
        } catch (ZohoApiException refused) {
            return null;
        }
    }

    private static void collect(List<String> texts, Runnable call) {
        try {
            call.run();
            texts.add("no error");
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(t.toString());
            }
        }
    }
}
