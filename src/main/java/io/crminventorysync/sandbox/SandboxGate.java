package io.crminventorysync.sandbox;

import io.crminventorysync.config.SyncProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What every simulated API call passes through before and after its handler: counting, the OAuth
 * header, the 429 limits (burst, CRM credits and concurrency, Inventory's daily cap and per-minute
 * budget), the latency and fault knobs, and turning handler refusals into the product's error
 * shape. Order follows Zoho: authentication first, then limits.
 *
 * <p>Latency is slept outside every data lock, so slow calls overlap as on the real servers. The
 * write faults act on calls other than GET: a 500 before the handler runs (nothing written), a
 * 500 after it ran, a connection dropped mid-answer after it ran, or no answer at all (the
 * connection is held for {@code noAnswerHoldMs}, then dropped) after it ran.
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
    private final Map<String, DailyWindow> inventoryDayByOrg = new ConcurrentHashMap<>();
    private final DailyWindow crmCredits = new DailyWindow();
    /** Unanswered writes wait on this; a reset wakes them. */
    private final Object holds = new Object();
    private long holdGeneration;

    public SandboxGate(SandboxAuth auth, SandboxKnobs knobs, SandboxStats stats, SandboxClock clock,
                       SyncProperties properties) {
        this.auth = auth;
        this.knobs = knobs;
        this.stats = stats;
        this.clock = clock;
        this.properties = properties;
    }

    /** Forgets the Inventory rate windows, the daily counts and the CRM credits used; frees unanswered writes. */
    void reset() {
        inventoryCallsByOrg.clear();
        inventoryDayByOrg.clear();
        crmCredits.clear();
        synchronized (holds) {
            holdGeneration++;
            holds.notifyAll();
        }
    }

    /** CRM credits used in the last 24 hours. */
    long crmCreditsUsed() {
        return crmCredits.used(clock.millis());
    }

    ResponseEntity<Object> crm(HttpServletRequest request, boolean heavy, Supplier<ResponseEntity<Object>> handler) {
        return crm(request, heavy, 1, handler);
    }

    /**
     * A CRM call costing {@code credits} API credits (1 for most calls; a write of records costs one
     * per ten records, rounded up).
     */
    ResponseEntity<Object> crm(HttpServletRequest request, boolean heavy, int credits,
                               Supplier<ResponseEntity<Object>> handler) {
        count("crm", request);
        if (!auth.isValid(token(request))) {
            stats.increment("crm.401");
            return json(401, CrmError.body("INVALID_TOKEN", Map.of(), "invalid oauth token"));
        }
        if (knobs.takeBurst()) {
            return crmTooMany();
        }
        int cap = knobs.getCrmCreditsPerDay();
        long now = clock.millis();
        if (cap > 0 && !crmCredits.tryTake(now, credits, cap)) {
            stats.increment("crm.429.credits");
            return withCredits(crmTooMany(), cap);
        }
        if (crmInFlight.incrementAndGet() > knobs.getCrmMaxConcurrent()) {
            crmInFlight.decrementAndGet();
            if (cap > 0) {
                crmCredits.giveBack(now, credits);
            }
            return withCredits(crmTooMany(), cap);
        }
        boolean heavySlot = false;
        try {
            if (heavy) {
                heavySlot = true;
                if (crmHeavyInFlight.incrementAndGet() > knobs.getCrmMaxHeavyConcurrent()) {
                    if (cap > 0) {
                        crmCredits.giveBack(now, credits);
                    }
                    return withCredits(crmTooMany(), cap);
                }
            }
            stats.add("crm.credits", credits);
            pause(knobs.getLatencyMs() + knobs.getCrmLatencyMs());
            ResponseEntity<Object> answer = faulted("crm", request, () -> {
                try {
                    return handler.get();
                } catch (CrmError refused) {
                    return json(refused.status, refused.body());
                }
            }, this::crmInternalError);
            return withCredits(answer, cap);
        } finally {
            if (heavySlot) {
                crmHeavyInFlight.decrementAndGet();
            }
            crmInFlight.decrementAndGet();
        }
    }

    /** Zoho's X-API-CREDITS-REMAINING, shown once half the day's credits are used. */
    private ResponseEntity<Object> withCredits(ResponseEntity<Object> answer, int cap) {
        if (cap <= 0 || answer == null) {
            return answer;
        }
        long remaining = Math.max(0, cap - crmCredits.used(clock.millis()));
        if (remaining * 2 > cap) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header("X-API-CREDITS-REMAINING", String.valueOf(remaining)).body(answer.getBody());
    }

    /**
     * Runs the handler under the error-rate and write-fault knobs: a 500 instead of it, a 500 after
     * it, or (writes only) a dropped or never-answered connection after it.
     */
    private ResponseEntity<Object> faulted(String api, HttpServletRequest request,
                                           Supplier<ResponseEntity<Object>> handler,
                                           Supplier<ResponseEntity<Object>> internalError) {
        boolean fail = knobs.rollError(api);
        if (fail && !knobs.isErrorAfterProcessing()) {
            return internalError.get();
        }
        SandboxKnobs.WriteFault fault = "GET".equals(request.getMethod()) || fail
                ? SandboxKnobs.WriteFault.NONE : knobs.rollWriteFault(api);
        if (fault == SandboxKnobs.WriteFault.ERROR_BEFORE) {
            stats.increment(api + ".fault.errorBefore");
            return internalError.get();
        }
        ResponseEntity<Object> answer = handler.get();
        switch (fault) {
            case ERROR_AFTER -> {
                stats.increment(api + ".fault.errorAfter");
                return internalError.get();
            }
            case DROP -> {
                stats.increment(api + ".fault.dropped");
                return dropConnection();
            }
            case NO_ANSWER -> {
                stats.increment(api + ".fault.noAnswer");
                hold(knobs.getNoAnswerHoldMs());
                return dropConnection();
            }
            default -> {
                return fail ? internalError.get() : answer;
            }
        }
    }

    /**
     * Breaks the answer off: a 200 whose headers promise more body than is sent, with
     * {@code Connection: close}, so the container closes the socket after the first bytes and the
     * client meets the end of the stream mid-body, an I/O error. Returns null: the answer is
     * already on the wire (a handler returning a null ResponseEntity writes nothing more).
     */
    private static ResponseEntity<Object> dropConnection() {
        try {
            var attributes = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
            HttpServletResponse response = attributes.getResponse();
            if (response != null && !response.isCommitted()) {
                byte[] part = "{\"data\":[{\"code\":".getBytes(StandardCharsets.UTF_8);
                response.setStatus(200);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setHeader(HttpHeaders.CONNECTION, "close");
                response.setContentLength(part.length + 512);
                response.getOutputStream().write(part);
                response.flushBuffer();
            }
        } catch (IOException alreadyGone) {
            // the client left first (it timed out): nothing more to send
        }
        return null;
    }

    private void hold(long ms) {
        long until = System.currentTimeMillis() + ms;
        synchronized (holds) {
            long generation = holdGeneration;
            long left;
            while ((left = until - System.currentTimeMillis()) > 0 && generation == holdGeneration) {
                try {
                    holds.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
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
        int dailyCap = knobs.getInventoryCallsPerDay();
        DailyWindow day = dailyCap > 0 ? inventoryDayByOrg.computeIfAbsent(org.trim(), o -> new DailyWindow()) : null;
        long now = clock.millis();
        if (day != null && !day.tryTake(now, 1, dailyCap)) {
            stats.increment("inventory.429");
            stats.increment("inventory.429.daily");
            return withRetryAfter(HttpStatus.TOO_MANY_REQUESTS.value(), new InventoryError(429, 45,
                    String.format(Locale.US, "The API call for this organization has exceeded the maximum call rate "
                            + "limit of %,d.", dailyCap)).body());
        }
        if (!allowInventoryCall(org.trim())) {
            if (day != null) {
                day.giveBack(now, 1);
            }
            return inventoryTooMany();
        }
        pause(knobs.getLatencyMs() + knobs.getInventoryLatencyMs());
        return faulted("inventory", request, () -> {
            try {
                return handler.get();
            } catch (InventoryError refused) {
                return json(refused.status, refused.body());
            }
        }, this::inventoryInternalError);
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

    private static void pause(int ms) {
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
