package io.crminventorysync.sandbox;

import io.crminventorysync.config.SyncProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every simulated API call passes through before and after its handler: counting, the OAuth
 * header, the 429 limits, the latency and fault knobs, and turning handler refusals into the
 * product's error shape. Order follows Zoho: authentication first, then limits.
 */
@Component
@SandboxEnabled
public class SandboxGate {

    private static final String TOKEN_PREFIX = "Zoho-oauthtoken ";

    private final SandboxAuth auth;
    private final SandboxKnobs knobs;
    private final SandboxStats stats;
    private final SandboxClock clock;
    private final SyncProperties properties;
    private final AtomicInteger crmInFlight = new AtomicInteger();
    private final AtomicInteger crmHeavyInFlight = new AtomicInteger();
    private final Map<String, ArrayDeque<Long>> inventoryCallsByOrg = new ConcurrentHashMap<>();

    public SandboxGate(SandboxAuth auth, SandboxKnobs knobs, SandboxStats stats, SandboxClock clock,
                       SyncProperties properties) {
        this.auth = auth;
        this.knobs = knobs;
        this.stats = stats;
        this.clock = clock;
        this.properties = properties;
    }

    /** Forgets the Inventory rate windows. */
    void reset() {
        inventoryCallsByOrg.clear();
    }

    ResponseEntity<Object> crm(HttpServletRequest request, boolean heavy, Supplier<ResponseEntity<Object>> handler) {
        count("crm", request);
        if (!auth.isValid(token(request))) {
            stats.increment("crm.401");
            return json(401, CrmError.body("INVALID_TOKEN", Map.of(), "invalid oauth token"));
        }
        if (knobs.takeBurst()) {
            return crmTooMany();
        }
        if (crmInFlight.incrementAndGet() > knobs.getCrmMaxConcurrent()) {
            crmInFlight.decrementAndGet();
            return crmTooMany();
        }
        boolean heavySlot = false;
        try {
            if (heavy) {
                heavySlot = true;
                if (crmHeavyInFlight.incrementAndGet() > knobs.getCrmMaxHeavyConcurrent()) {
                    return crmTooMany();
                }
            }
            pause();
            boolean fail = knobs.rollError();
            if (fail && !knobs.isErrorAfterProcessing()) {
                return crmInternalError();
            }
            ResponseEntity<Object> answer;
            try {
                answer = handler.get();
            } catch (CrmError refused) {
                answer = json(refused.status, refused.body());
            }
            return fail ? crmInternalError() : answer;
        } finally {
            if (heavySlot) {
                crmHeavyInFlight.decrementAndGet();
            }
            crmInFlight.decrementAndGet();
        }
    }

    ResponseEntity<Object> inventory(HttpServletRequest request, Supplier<ResponseEntity<Object>> handler) {
        count("inventory", request);
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            stats.increment("inventory.401");
            return json(401, new InventoryError(401, 14, "Invalid value passed for authtoken.").body());
        }
        if (!auth.isValid(token(request))) {
            stats.increment("inventory.401");
            return json(401, new InventoryError(401, 57, "You are not authorized to perform this operation").body());
        }
        if (knobs.takeBurst()) {
            return inventoryTooMany();
        }
        String org = request.getParameter("organization_id");
        if (org == null || org.isBlank()) {
            // Zoho's code for a missing organization_id is not documented; Finance uses 2 for bad parameters.
            return json(400, new InventoryError(400, 2, "Invalid value passed for organization_id").body());
        }
        String expectedOrg = properties.getInventory().getOrganizationId();
        if (expectedOrg != null && !expectedOrg.isBlank() && !expectedOrg.equals(org.trim())) {
            return json(400, new InventoryError(400, 6041,
                    "This user is not associated with the CompanyID/CompanyName:" + org.trim() + ".").body());
        }
        if (!allowInventoryCall(org.trim())) {
            return inventoryTooMany();
        }
        pause();
        boolean fail = knobs.rollError();
        if (fail && !knobs.isErrorAfterProcessing()) {
            return inventoryInternalError();
        }
        ResponseEntity<Object> answer;
        try {
            answer = handler.get();
        } catch (InventoryError refused) {
            answer = json(refused.status, refused.body());
        }
        return fail ? inventoryInternalError() : answer;
    }

    static ResponseEntity<Object> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private void count(String api, HttpServletRequest request) {
        boolean read = "GET".equals(request.getMethod());
        stats.increment(api);
        stats.increment(api + "." + request.getMethod());
        stats.increment(api + (read ? ".read" : ".write"));
    }

    private static String token(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(TOKEN_PREFIX)) {
            return null;
        }
        return header.substring(TOKEN_PREFIX.length()).trim();
    }

    private boolean allowInventoryCall(String org) {
        long now = clock.millis();
        ArrayDeque<Long> window = inventoryCallsByOrg.computeIfAbsent(org, o -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst() <= now - 60_000) {
                window.pollFirst();
            }
            if (window.size() >= knobs.getInventoryRequestsPerMinute()) {
                return false;
            }
            window.addLast(now);
            return true;
        }
    }

    private void pause() {
        int ms = knobs.getLatencyMs();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ResponseEntity<Object> crmTooMany() {
        stats.increment("crm.429");
        return withRetryAfter(HttpStatus.TOO_MANY_REQUESTS.value(),
                CrmError.body("TOO_MANY_REQUESTS", Map.of(), "too many requests. please try again after some time"));
    }

    private ResponseEntity<Object> inventoryTooMany() {
        stats.increment("inventory.429");
        // The code Zoho uses for the per-minute limit is unconfirmed; 44 sits next to the daily limit's 45.
        return withRetryAfter(HttpStatus.TOO_MANY_REQUESTS.value(), new InventoryError(429, 44,
                "You have made too many requests continuously. Please try again after some time.").body());
    }

    private ResponseEntity<Object> withRetryAfter(int status, Object body) {
        var builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (knobs.getRetryAfterSeconds() > 0) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(knobs.getRetryAfterSeconds()));
        }
        return builder.body(body);
    }

    private ResponseEntity<Object> crmInternalError() {
        stats.increment("crm.500");
        return json(500, CrmError.body("INTERNAL_ERROR", Map.of(), "Internal Server Error"));
    }

    private ResponseEntity<Object> inventoryInternalError() {
        stats.increment("inventory.500");
        return json(500, new InventoryError(500, 1, "An internal error occurred. Please try again later.").body());
    }
}
