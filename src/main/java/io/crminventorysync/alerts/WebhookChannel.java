package io.crminventorysync.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * POSTs an alert as JSON to {@code sync.alerts.webhook-url}. Its own JDK client rather than the
 * Zoho client of {@code http/}: that one paces and authorises calls for the Zoho APIs, and a
 * webhook needs neither. Redirects are not followed: a POST that is redirected has most likely
 * been sent to the wrong URL, and the log says so.
 */
class WebhookChannel implements AlertChannel {

    private final URI url;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient client;

    WebhookChannel(URI url, Duration timeout, ObjectMapper json) {
        this.url = url;
        this.timeout = timeout;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // one small request now and then: HTTP/2 buys nothing, and an h2c upgrade offer
                // confuses some plain-HTTP receivers
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    /** The host only: Slack-style webhook URLs carry their secret in the path. */
    @Override
    public String destination() {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    @Override
    public void send(Alert alert) throws DeliveryFailure {
        byte[] body;
        try {
            body = json.writeValueAsBytes(alert.payload());
        } catch (JsonProcessingException e) {
            throw new DeliveryFailure("cannot write the alert as JSON: " + e.getOriginalMessage(), false);
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "crm-inventory-sync-alerts")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryFailure(safe(e), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted (the service is stopping)", false);
        } catch (RuntimeException e) {
            throw new DeliveryFailure(safe(e), false);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        // 408, 429 and 5xx say "not now"; any other answer will not change by asking again
        boolean retryable = status == 408 || status == 429 || status >= 500;
        String hint = status >= 300 && status < 400 ? " (a redirect: check sync.alerts.webhook-url)" : "";
        throw new DeliveryFailure("HTTP " + status + hint, retryable, retryAfter(response).orElse(null));
    }

    /**
     * An exception's message in words that cannot leak the URL: the JDK's messages do not name it
     * today, but a token in a log must not depend on that.
     */
    private String safe(Exception e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        text = text.replace(url.toString(), destination());
        for (String secret : new String[] {url.getRawPath(), url.getPath(), url.getRawQuery(), url.getQuery()}) {
            if (secret != null && secret.length() > 1) {
                text = text.replace(secret, "/…");
            }
        }
        return text;
    }

    /** Retry-After in seconds (the form Slack and most receivers use); a date is ignored. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
