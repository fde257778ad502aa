package io.crminventorysync.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.config.HttpSettings;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.http.AccessTokenSource;
import io.crminventorysync.http.Backoff;
import io.crminventorysync.http.BoundedBody;
import io.crminventorysync.http.ZohoApi;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.crminventorysync.http.ZohoMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import static io.crminventorysync.http.ZohoRequest.encode;

/**
 * The Zoho access token shared by the CRM and Inventory clients, obtained with the refresh-token grant.
 *
 * <ul>
 * <li>Cached until {@code sync.auth.refresh-margin} before it expires, a margin of at most half the
 * token's {@code expires_in}: refreshing on every call is what makes Zoho throttle the token endpoint.</li>
 * <li>Single flight: concurrent callers that need a new token wait for one refresh and share its
 * outcome, including its failure.</li>
 * <li>A ceiling: at most {@code sync.auth.max-refreshes-per-minute} requests to the token endpoint a
 * minute; beyond that the caller waits for the window (at most a minute) instead of hammering Zoho,
 * which throttles refreshing. Short-lived tokens cost waiting, never a failed run.</li>
 * <li>The throttle answer ("Access Denied", too many requests) is waited out a bounded number of times.</li>
 * </ul>
 *
 * <p>Neither the token, the client secret nor the refresh token is ever logged or put in a message.
 */
@Component("zohoTokenProvider")
public class ZohoTokenProvider implements AccessTokenSource {

    private static final Logger log = LoggerFactory.getLogger(ZohoTokenProvider.class);
    private static final Duration GUARD_WINDOW = Duration.ofMinutes(1);

    private final HttpClient client;
    private final SyncProperties properties;
    private final Environment environment;
    private final ObjectMapper mapper;
    private final ZohoMetrics metrics;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Deque<Instant> tokenRequests = new ArrayDeque<>();
    private volatile AccessToken current;
    /** Bumped after every refresh attempt; waiters compare it to learn that a refresh happened meanwhile. */
    private volatile long generation;
    private RuntimeException lastFailure;

    @Autowired
    public ZohoTokenProvider(HttpClient zohoHttpClient, SyncProperties properties, Environment environment,
                             ObjectMapper mapper, ZohoMetrics metrics) {
        this(zohoHttpClient, properties, environment, mapper, metrics, Clock.systemUTC());
    }

    ZohoTokenProvider(HttpClient client, SyncProperties properties, Environment environment, ObjectMapper mapper,
                      ZohoMetrics metrics, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.environment = environment;
        this.mapper = mapper;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A valid access token, refreshing it first when needed. Never log what it returns. */
    @Override
    public String accessToken() {
        AccessToken token = current;
        if (token != null && token.usable(clock.instant())) {
            return token.value;
        }
        // Read before queueing for the lock: if a refresh completes while we wait, we see it happened.
        return refreshIfStill(generation);
    }

    /**
     * Forgets {@code rejected} when it is still the current token, so that the next
     * {@link #accessToken()} refreshes; callers that saw the same dead token cause only one refresh.
     */
    @Override
    public void invalidate(String rejected) {
        lock.lock();
        try {
            AccessToken token = current;
            if (token != null && token.value.equals(rejected)) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops the cached token and the refresh history (tests and credential changes). */
    public void reset() {
        lock.lock();
        try {
            current = null;
            lastFailure = null;
            tokenRequests.clear();
            generation++;
        } finally {
            lock.unlock();
        }
    }

    /** When the current token stops being used, or null when there is none. */
    public Instant currentTokenRefreshDue() {
        AccessToken token = current;
        return token == null ? null : token.refreshAt;
    }

    private String refreshIfStill(long seenGeneration) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Backoff.cancelled(ZohoApi.OAUTH, "waiting for a token refresh", e);
        }
        try {
            AccessToken token = current;
            if (token != null && token.usable(clock.instant())) {
                return token.value;
            }
            if (generation != seenGeneration && lastFailure != null) {
                // Another caller refreshed while we waited, and failed: share its outcome, don't repeat it.
                throw lastFailure;
            }
            try {
                current = refresh();
                lastFailure = null;
                return current.value;
            } catch (RuntimeException e) {
                lastFailure = e;
                throw e;
            } finally {
                generation++;
            }
        } finally {
            lock.unlock();
        }
    }

    private AccessToken refresh() {
        SyncProperties.Auth auth = properties.getAuth();
        HttpSettings http = properties.getHttp();
        String accountsUrl = environment.resolveRequiredPlaceholders(auth.getAccountsUrl());
        String endpoint = stripSlash(accountsUrl) + "/oauth/v2/token";
        Backoff backoff = new Backoff(http.getInitialBackoff(), http.getMaxBackoff());
        int failures = 0;
        int throttled = 0;
        while (true) {
            takeGuardSlot(auth.getMaxRefreshesPerMinute(), accountsUrl);
            HttpResponse<String> response;
            try {
                response = post(endpoint, auth, http.getReadTimeout());
            } catch (IOException e) {
                BoundedBody.TooLargeException tooLarge = BoundedBody.tooLarge(e);
                if (tooLarge != null) {
                    throw new ZohoApiException(Kind.TOO_LARGE, ZohoApi.OAUTH, "POST " + endpoint, 0, null,
                            tooLarge.getMessage(), null, e);
                }
                boolean timeout = e instanceof HttpTimeoutException;
                if (failures >= http.getMaxRetries()) {
                    throw new ZohoApiException(Kind.TRANSPORT, ZohoApi.OAUTH, "POST " + endpoint, 0, null,
                            "could not reach the token endpoint: " + e.getClass().getSimpleName(), null, e);
                }
                failures++;
                metrics.retry(ZohoApi.OAUTH, timeout ? "timeout" : "io_error");
                Backoff.sleep(backoff.delay(failures), ZohoApi.OAUTH, "token refresh");
                continue;
            }
            int status = response.statusCode();
            JsonNode body = json(response.body());
            String error = text(body, "error");
            String accessToken = text(body, "access_token");
            if (status == 200 && accessToken != null && !accessToken.isBlank()) {
                long expiresIn = body.path("expires_in").asLong(3600);
                AccessToken token = new AccessToken(accessToken, clock.instant(), Duration.ofSeconds(expiresIn),
                        auth.getRefreshMargin());
                log.info("Zoho access token refreshed at {}; valid {} s, used until {}", accountsUrl, expiresIn,
                        token.refreshAt);
                return token;
            }
            if ("invalid_code".equals(error)) {
                throw new ZohoCredentialsException(status, error, "the refresh token was refused by " + accountsUrl
                        + ": invalid_code — create a new one (Zoho API console, Self Client, with ZohoCRM and "
                        + "ZohoInventory scopes) and set sync.auth.refresh-token (SYNC_AUTH_REFRESHTOKEN); "
                        + "also check that sync.auth.accounts-url is your data centre's accounts server");
            }
            if ("invalid_client".equals(error) || "invalid_client_secret".equals(error)) {
                throw new ZohoCredentialsException(status, error, "the OAuth client was refused by " + accountsUrl
                        + ": " + error + " — check sync.auth.client-id and sync.auth.client-secret, and that "
                        + "sync.auth.accounts-url is the accounts server of the data centre the client was made in");
            }
            if (isThrottle(status, body)) {
                metrics.rateLimited(ZohoApi.OAUTH);
                if (throttled >= http.getMaxRetries()) {
                    throw new ZohoApiException(Kind.RATE_LIMITED, ZohoApi.OAUTH, "POST " + endpoint, status,
                            error, "the token endpoint keeps answering 'too many requests' after " + throttled
                                    + " waits; try again in a few minutes", null);
                }
                throttled++;
                metrics.retry(ZohoApi.OAUTH, "rate_limited");
                Duration d = backoff.delay(throttled);
                log.warn("Zoho token endpoint {} throttled the refresh (Access Denied), waiting {} ms",
                        accountsUrl, d.toMillis());
                Backoff.sleep(d, ZohoApi.OAUTH, "token refresh");
                continue;
            }
            if (status >= 500 && failures < http.getMaxRetries()) {
                failures++;
                metrics.retry(ZohoApi.OAUTH, "server_error");
                Backoff.sleep(backoff.delay(failures), ZohoApi.OAUTH, "token refresh");
                continue;
            }
            throw new ZohoCredentialsException(status, error, "the token endpoint " + accountsUrl
                    + " answered HTTP " + status + (error != null ? " with error " + error
                    : " without an access token") + " — check sync.auth.*");
        }
    }

    /**
     * Counts this token request against the ceiling of {@code sync.auth.max-refreshes-per-minute},
     * waiting first for the oldest request of the last minute to leave the window when the ceiling is
     * reached. Waiting, not failing: short-lived tokens (or a burst of refused ones) must not fail the
     * run, nor every run of the next minute. The wait is at most a minute and ends on interrupt (a
     * cancelled run). Holding the lock, so the count is exact across threads, and callers queue
     * behind the one refresh they would all share anyway.
     */
    private void takeGuardSlot(int maxPerMinute, String accountsUrl) {
        while (true) {
            Instant now = clock.instant();
            while (!tokenRequests.isEmpty() && !tokenRequests.peekFirst().isAfter(now.minus(GUARD_WINDOW))) {
                tokenRequests.pollFirst();
            }
            if (tokenRequests.size() < maxPerMinute) {
                tokenRequests.addLast(now);
                return;
            }
            Duration wait = Duration.between(now, tokenRequests.peekFirst().plus(GUARD_WINDOW)).plusMillis(1);
            log.warn("{} token requests to {} in the last minute (sync.auth.max-refreshes-per-minute={}): waiting {} ms "
                    + "before refreshing again. Tokens this short-lived or refused this often point at the refresh "
                    + "token's scopes or at API URLs of another data centre than sync.auth.accounts-url",
                    tokenRequests.size(), accountsUrl, maxPerMinute, wait.toMillis());
            Backoff.sleep(wait, ZohoApi.OAUTH, "waiting for the token refresh ceiling");
        }
    }

    private HttpResponse<String> post(String endpoint, SyncProperties.Auth auth, Duration readTimeout)
            throws IOException {
        String form = "refresh_token=" + encode(nullToEmpty(auth.getRefreshToken()))
                + "&client_id=" + encode(nullToEmpty(auth.getClientId()))
                + "&client_secret=" + encode(nullToEmpty(auth.getClientSecret()))
                + "&grant_type=refresh_token";
        URI uri = URI.create(endpoint);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1);
        }
        metrics.call(ZohoApi.OAUTH, "token");
        try {
            return client.send(b.build(), BoundedBody.ofString(properties.getHttp().getMaxResponseSize().toBytes()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Backoff.cancelled(ZohoApi.OAUTH, "token refresh", e);
        }
    }

    /** Zoho's throttle: HTTP 400 {"error":"Access Denied","error_description":"You have made too many requests..."}. */
    private static boolean isThrottle(int status, JsonNode body) {
        String error = text(body, "error");
        String description = text(body, "error_description");
        return status == 429 || "Access Denied".equalsIgnoreCase(error)
                || (description != null && description.toLowerCase().contains("too many requests"));
    }

    private JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException notJson) {
            return mapper.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "ZohoTokenProvider[accounts-url=" + properties.getAuth().getAccountsUrl() + "]";
    }

    /** The cached token; its toString leaves the value out on purpose. */
    private static final class AccessToken {
        private final String value;
        private final Instant refreshAt;

        AccessToken(String value, Instant obtained, Duration lifetime, Duration margin) {
            this.value = value;
            // The margin is at most half the lifetime: a token living less than twice the configured
            // margin (5 s against 5 min) would otherwise be stale on arrival and every call would refresh.
            Duration effectiveMargin = lifetime.compareTo(margin.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : margin;
            this.refreshAt = obtained.plus(lifetime).minus(effectiveMargin);
        }

        boolean usable(Instant now) {
            return now.isBefore(refreshAt);
        }

        @Override
        public String toString() {
            return "AccessToken[refreshAt=" + refreshAt + "]";
        }
    }
}
