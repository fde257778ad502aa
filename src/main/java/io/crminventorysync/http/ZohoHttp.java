package io.crminventorysync.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.config.HttpSettings;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.http.ZohoApiException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends CRM and Inventory calls: adds the access token, keeps to the pace (CRM concurrency, Inventory
 * requests per minute), and retries what is worth retrying.
 *
 * <ul>
 * <li>429: wait (Retry-After, else exponential backoff with jitter) and try again, without a count
 * limit, because a 429 only says "later" and dropping the call would lose a record. The wait is still
 * bounded in total ({@link #MAX_RATE_LIMITED_WAIT}) and an interrupt (a cancelled run) ends it.</li>
 * <li>401 with a dead-token code: invalidate the token, refresh once, retry once.</li>
 * <li>5xx, timeouts, I/O errors: up to {@code sync.http.max-retries} retries with backoff. A create
 * (a POST not marked idempotent) is retried only when it cannot have reached the server (connection
 * refused or not established): after a 5xx or a read timeout it may have been done, and repeating it
 * blindly would create the record twice. The caller finds such a record by its key field instead.</li>
 * <li>an answer larger than {@code sync.http.max-response-size} fails the call at once
 * ({@link ZohoApiException.Kind#TOO_LARGE}), without being read into memory or retried.</li>
 * <li>any other answer is returned to the client, which knows how to read it.</li>
 * </ul>
 *
 * <p>Never logs a header or a body: the Authorization header carries the token.
 */
@Component
public class ZohoHttp {

    /**
     * Longest a single call keeps waiting out 429s. Far beyond any per-minute window, short enough that
     * a daily budget that is spent ends the call (and the run records why) instead of hanging for hours.
     */
    static final Duration MAX_RATE_LIMITED_WAIT = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(ZohoHttp.class);

    private final HttpClient client;
    private final AccessTokenSource tokens;
    private final SyncProperties properties;
    private final CrmConcurrencyLimiter crmLimiter;
    private final ApiBudget budget;
    private final InventoryPace inventoryPace;
    private final ObjectMapper mapper;
    private final ZohoMetrics metrics;

    public ZohoHttp(HttpClient zohoHttpClient, AccessTokenSource tokens, SyncProperties properties,
                    CrmConcurrencyLimiter crmLimiter, ApiBudget budget, InventoryPace inventoryPace,
                    ObjectMapper mapper, ZohoMetrics metrics) {
        this.budget = budget;
        this.inventoryPace = inventoryPace;
        this.client = zohoHttpClient;
        this.tokens = tokens;
        this.properties = properties;
        this.crmLimiter = crmLimiter;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /**
     * Sends the request until it gets an answer that is not worth retrying and returns it, whatever its
     * status; throws when retries are exhausted (SERVER, TRANSPORT), on a token refused twice
     * (UNAUTHORIZED), on a long rate limit (RATE_LIMITED, LIMIT_EXCEEDED) or on interrupt (CANCELLED).
     */
    public ZohoResponse execute(ZohoRequest request) {
        HttpSettings http = properties.getHttp();
        Backoff backoff = new Backoff(http.getInitialBackoff(), http.getMaxBackoff());
        String context = request.context();
        int failures = 0;
        int rateLimitedTries = 0;
        Duration rateLimitedWait = Duration.ZERO;
        boolean refreshed = false;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw Backoff.cancelled(request.api(), context, new InterruptedException());
            }
            String token = tokens.accessToken();
            HttpResponse<String> response;
            try {
                response = send(request, token, http.getReadTimeout());
            } catch (IOException e) {
                BoundedBody.TooLargeException tooLarge = BoundedBody.tooLarge(e);
                if (tooLarge != null) {
                    // the same call would bring the same answer: fail it now, with the limit in the message
                    throw new ZohoApiException(Kind.TOO_LARGE, request.api(), context, 0, null,
                            tooLarge.getMessage() + "; the call was abandoned", null, e);
                }
                boolean notSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
                boolean timeout = e instanceof HttpTimeoutException;
                if ((!notSent && !request.idempotent()) || failures >= http.getMaxRetries()) {
                    String why = !notSent && !request.idempotent()
                            ? " (not retried: the server may have done it)" : " (after " + failures + " retries)";
                    throw new ZohoApiException(Kind.TRANSPORT, request.api(), context, 0, null,
                            (timeout ? "no answer in time: " : "I/O error: ") + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + why, null, e);
                }
                failures++;
                metrics.retry(request.api(), timeout ? "timeout" : "io_error");
                Duration d = backoff.delay(failures);
                log.warn("{} {}: {} ({}), retry {} of {} in {} ms", request.api().displayName(), context,
                        timeout ? "timed out" : "I/O error", e.getClass().getSimpleName(), failures,
                        http.getMaxRetries(), d.toMillis());
                Backoff.sleep(d, request.api(), context);
                continue;
            }

            int status = response.statusCode();
            String body = response.body();
            if (status == 429) {
                metrics.rateLimited(request.api());
                String code = ZohoErrors.code(mapper, body);
                if (request.api() == ZohoApi.INVENTORY && ZohoErrors.INVENTORY_DAILY_LIMIT.equals(code)) {
                    // the day's calls are spent: every node stops calling for a while, this run stops cleanly
                    throw budget.refusedForTheDay(request.api(), context, status, code, ZohoErrors.message(mapper, body));
                }
                rateLimitedTries++;
                Duration retryAfter = Backoff.retryAfter(response.headers().firstValue("Retry-After").orElse(null),
                        Instant.now());
                Duration d = retryAfter != null ? retryAfter : backoff.delay(rateLimitedTries);
                if (rateLimitedWait.plus(d).compareTo(MAX_RATE_LIMITED_WAIT) > 0) {
                    throw new ZohoApiException(Kind.RATE_LIMITED, request.api(), context, status, code,
                            "still rate limited after waiting " + rateLimitedWait.toSeconds() + " s over "
                                    + rateLimitedTries + " tries; giving up this call", null);
                }
                rateLimitedWait = rateLimitedWait.plus(d);
                metrics.retry(request.api(), "rate_limited");
                log.info("{} {}: rate limited (429), waiting {} ms{}", request.api().displayName(), context,
                        d.toMillis(), retryAfter != null ? " as Retry-After says" : "");
                Backoff.sleep(d, request.api(), context);
                continue;
            }
            if (ZohoErrors.isExpiredToken(request.api(), status, ZohoErrors.code(mapper, body))) {
                if (refreshed) {
                    throw ZohoErrors.decode(request.api(), mapper, context
                            + " (refused a freshly refreshed access token)", status, body);
                }
                refreshed = true;
                metrics.retry(request.api(), "token_expired");
                log.info("{} {}: access token refused (401), refreshing it and retrying once",
                        request.api().displayName(), context);
                tokens.invalidate(token);
                continue;
            }
            if (status >= 500) {
                if (!request.idempotent()) {
                    throw ZohoErrors.decode(request.api(), mapper, context
                            + " (not retried: the server may have done it before failing)", status, body);
                }
                if (failures >= http.getMaxRetries()) {
                    throw ZohoErrors.decode(request.api(), mapper, context + " (after " + failures + " retries)",
                            status, body);
                }
                failures++;
                metrics.retry(request.api(), "server_error");
                Duration d = backoff.delay(failures);
                log.warn("{} {}: HTTP {}, retry {} of {} in {} ms", request.api().displayName(), context, status,
                        failures, http.getMaxRetries(), d.toMillis());
                Backoff.sleep(d, request.api(), context);
                continue;
            }
            return new ZohoResponse(status, response.headers(), body);
        }
    }

    private HttpResponse<String> send(ZohoRequest request, String token, Duration readTimeout) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .timeout(readTimeout)
                .header("Authorization", "Zoho-oauthtoken " + token)
                .header("Accept", "application/json");
        if ("http".equalsIgnoreCase(request.uri().getScheme())) {
            // Cleartext HTTP/2 would need an upgrade handshake that servlet containers handle poorly.
            b.version(HttpClient.Version.HTTP_1_1);
        }
        request.headers().forEach(b::header);
        if (request.jsonBody() != null) {
            b.header("Content-Type", "application/json;charset=UTF-8");
            b.method(request.method(), HttpRequest.BodyPublishers.ofString(request.jsonBody(), StandardCharsets.UTF_8));
        } else {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest httpRequest = b.build();
        boolean crm = request.api() == ZohoApi.CRM;
        boolean inventory = request.api() == ZohoApi.INVENTORY;
        // the organization's budget first (it may wait), then a place among the calls in flight
        budget.acquire(request.api(), request.rateKey(), request.context());
        if (crm) {
            crmLimiter.acquire(request.context());
        } else if (inventory) {
            inventoryPace.acquire(request.context());
        }
        long started = System.nanoTime();
        boolean answered = false;
        try {
            metrics.call(request.api(), request.kind());
            HttpResponse<String> response = client.send(httpRequest,
                    BoundedBody.ofString(properties.getHttp().getMaxResponseSize().toBytes()));
            answered = true;
            if (log.isDebugEnabled()) {
                log.debug("{} {} -> {} in {} ms", request.api().displayName(), describe(request),
                        response.statusCode(), (System.nanoTime() - started) / 1_000_000);
            }
            budget.answered(request.api(), response.headers());
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Backoff.cancelled(request.api(), request.context(), e);
        } finally {
            if (crm) {
                crmLimiter.release();
            } else if (inventory) {
                inventoryPace.release(answered ? System.nanoTime() - started : 0);
            }
        }
    }

    private static String describe(ZohoRequest request) {
        String query = request.uri().getRawQuery();
        return request.method() + " " + request.uri().getRawPath() + (query == null ? "" : "?" + query);
    }
}
