package io.crminventorysync.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.crminventorysync.http.ZohoApi;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.crminventorysync.http.ZohoRequest;
import io.crminventorysync.http.ZohoResponse;
import io.crminventorysync.http.ZohoTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Zoho CRM notification channels (reference/zoho-api.md section 1.5): {@code POST /actions/watch}
 * subscribes, {@code PUT} renews (the channel becomes exactly what is sent, its expiry included),
 * {@code GET ?channel_id=} lists one channel, {@code DELETE ?channel_ids=} disables it. The channel's
 * token travels in the request body only; Redaction keeps a {@code "token"} out of any message.
 */
@Component
public class CrmWatch {

    private final CrmCalls calls;

    CrmWatch(CrmCalls calls) {
        this.calls = calls;
    }

    /** What CRM holds for a channel: its expiry (null when CRM did not say). */
    public record Subscribed(String channelId, Instant expiresAt) {
    }

    /** Subscribes the channel to the events (POST), or renews it (PUT); returns the expiry CRM answered. */
    public Subscribed subscribe(String channelId, List<String> events, String notifyUrl, String token, Instant expiry,
            boolean renew) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("channel_id", channelId);
        item.put("events", events);
        item.put("notify_url", notifyUrl);
        item.put("token", token);
        item.put("channel_expiry", ZohoTime.formatCrm(expiry, ZoneOffset.UTC));
        item.put("return_affected_field_values", false);
        item.put("notify_on_related_action", false);
        // PUT with the same body twice leaves the same channel: safe to retry; a POST adds events, also safe
        ZohoRequest request = calls.request("write", renew ? "PUT" : "POST", "/actions/watch")
                .json(calls.json(Map.of("watch", List.of(item)))).idempotent(true).build();
        ZohoResponse response = calls.ok(request, calls.execute(request));
        JsonNode answer = calls.read(request, response).path("watch").path(0);
        if (!"SUCCESS".equalsIgnoreCase(answer.path("code").asText())) {
            throw new ZohoApiException(Kind.INVALID_DATA, ZohoApi.CRM, request.context(), response.status(),
                    CrmCalls.text(answer, "code"), "the channel was not " + (renew ? "renewed" : "subscribed") + ": "
                    + CrmCalls.text(answer, "message") + " " + answer.path("details"), null);
        }
        Instant expires = null;
        for (JsonNode e : answer.path("details").path("events")) {
            Instant t = ZohoTime.parse(CrmCalls.text(e, "channel_expiry"));
            if (t != null && (expires == null || t.isBefore(expires))) {
                expires = t;
            }
        }
        return new Subscribed(channelId, expires);
    }

    /** The channel as CRM lists it now: its earliest expiry over its modules; empty when CRM has no such channel. */
    public Optional<Subscribed> find(String channelId) {
        ZohoRequest request = calls.request("read", "GET", "/actions/watch").param("channel_id", channelId).build();
        ZohoResponse response = calls.ok(request, calls.execute(request));
        if (response.status() == 204 || !response.hasBody()) {
            return Optional.empty();
        }
        Instant expires = null;
        boolean found = false;
        for (JsonNode w : calls.read(request, response).path("watch")) {
            if (channelId.equals(w.path("channel_id").asText())) {
                found = true;
                Instant t = ZohoTime.parse(CrmCalls.text(w, "channel_expiry"));
                if (t != null && (expires == null || t.isBefore(expires))) {
                    expires = t;
                }
            }
        }
        return found ? Optional.of(new Subscribed(channelId, expires)) : Optional.empty();
    }

    /** Disables the channel in CRM (no further callbacks). */
    public void disable(String channelId) {
        ZohoRequest request = calls.request("write", "DELETE", "/actions/watch").param("channel_ids", channelId)
                .idempotent(true).build();
        calls.ok(request, calls.execute(request));
    }
}
