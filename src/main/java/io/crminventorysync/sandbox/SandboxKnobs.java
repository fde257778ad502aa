package io.crminventorysync.sandbox;

import io.crminventorysync.config.SyncProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Fault and limit settings of the sandbox, changed by tests and benchmarks (in-JVM or over
 * /sandbox/_admin/knobs). The Inventory per-minute budget and the CRM concurrency default to what
 * the service is configured to expect of the real organization and edition, so that a test profile
 * that lifts the client's pacing also lifts the simulated limit.
 */
@Component
@SandboxEnabled
public class SandboxKnobs {

    private final SyncProperties properties;

    private volatile int latencyMs;
    private volatile double errorRate;
    private volatile boolean errorAfterProcessing;
    private final AtomicInteger burst429 = new AtomicInteger();
    private volatile int retryAfterSeconds;
    private volatile int tokenLifetimeSeconds;
    private volatile int inventoryRequestsPerMinute;
    private volatile int crmMaxConcurrent;
    private volatile int crmMaxHeavyConcurrent;
    private volatile int refreshesPerMinute;
    /** The refresh token has been revoked (by the user, or by Zoho): every refresh answers invalid_code. */
    private volatile boolean refreshTokenRevoked;

    public SandboxKnobs(SyncProperties properties) {
        this.properties = properties;
        reset();
    }

    /** Back to the defaults: no latency, no faults, Zoho's limits. */
    public final synchronized void reset() {
        latencyMs = 0;
        errorRate = 0;
        errorAfterProcessing = false;
        burst429.set(0);
        retryAfterSeconds = 0;
        tokenLifetimeSeconds = 3600;
        inventoryRequestsPerMinute = properties.getInventory().getRequestsPerMinute();
        crmMaxConcurrent = properties.getCrm().getMaxConcurrentCalls();
        // Zoho's sub-concurrency limit for heavy calls (big writes, search, views).
        crmMaxHeavyConcurrent = Math.min(10, crmMaxConcurrent);
        // Observed Zoho behaviour: about ten refreshes a minute before "Access Denied".
        refreshesPerMinute = 10;
        refreshTokenRevoked = false;
    }

    /** Takes one call out of the 429 burst; true when this call must be answered 429. */
    boolean takeBurst() {
        while (true) {
            int left = burst429.get();
            if (left <= 0) {
                return false;
            }
            if (burst429.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }

    /** True when this call must fail with a random 500. */
    boolean rollError() {
        double rate = errorRate;
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** The knobs as JSON-ready name/value pairs (the shape of GET /sandbox/_admin/knobs). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latencyMs", latencyMs);
        m.put("errorRate", errorRate);
        m.put("errorAfterProcessing", errorAfterProcessing);
        m.put("burst429", burst429.get());
        m.put("retryAfterSeconds", retryAfterSeconds);
        m.put("tokenLifetimeSeconds", tokenLifetimeSeconds);
        m.put("inventoryRequestsPerMinute", inventoryRequestsPerMinute);
        m.put("crmMaxConcurrent", crmMaxConcurrent);
        m.put("crmMaxHeavyConcurrent", crmMaxHeavyConcurrent);
        m.put("refreshesPerMinute", refreshesPerMinute);
        m.put("refreshTokenRevoked", refreshTokenRevoked);
        return m;
    }

    /**
     * Changes the knobs named in {@code changes}, leaving the others as they are.
     *
     * @throws IllegalArgumentException naming the first unknown knob or bad value; nothing is changed then
     */
    public synchronized void apply(Map<String, ?> changes) {
        for (var e : changes.entrySet()) {
            if (!asMap().containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown knob '" + e.getKey() + "', expected one of " + asMap().keySet());
            }
            if (!(e.getValue() instanceof Number || e.getValue() instanceof Boolean || e.getValue() instanceof String)) {
                throw new IllegalArgumentException("knob '" + e.getKey() + "' needs a number or boolean, was " + e.getValue());
            }
        }
        Map<String, Object> before = asMap();
        try {
            for (var e : changes.entrySet()) {
                String v = String.valueOf(e.getValue());
                switch (e.getKey()) {
                    case "latencyMs" -> setLatencyMs(Integer.parseInt(v));
                    case "errorRate" -> setErrorRate(Double.parseDouble(v));
                    case "errorAfterProcessing" -> setErrorAfterProcessing(parseBoolean(v));
                    case "burst429" -> setBurst429(Integer.parseInt(v));
                    case "retryAfterSeconds" -> setRetryAfterSeconds(Integer.parseInt(v));
                    case "tokenLifetimeSeconds" -> setTokenLifetimeSeconds(Integer.parseInt(v));
                    case "inventoryRequestsPerMinute" -> setInventoryRequestsPerMinute(Integer.parseInt(v));
                    case "crmMaxConcurrent" -> setCrmMaxConcurrent(Integer.parseInt(v));
                    case "crmMaxHeavyConcurrent" -> setCrmMaxHeavyConcurrent(Integer.parseInt(v));
                    case "refreshTokenRevoked" -> setRefreshTokenRevoked(parseBoolean(v));
                    default -> setRefreshesPerMinute(Integer.parseInt(v));
                }
            }
        } catch (IllegalArgumentException bad) {
            restore(before);
            throw new IllegalArgumentException("bad knob value: " + bad.getMessage(), bad);
        }
    }

    private void restore(Map<String, Object> m) {
        latencyMs = (int) m.get("latencyMs");
        errorRate = (double) m.get("errorRate");
        errorAfterProcessing = (boolean) m.get("errorAfterProcessing");
        burst429.set((int) m.get("burst429"));
        retryAfterSeconds = (int) m.get("retryAfterSeconds");
        tokenLifetimeSeconds = (int) m.get("tokenLifetimeSeconds");
        inventoryRequestsPerMinute = (int) m.get("inventoryRequestsPerMinute");
        crmMaxConcurrent = (int) m.get("crmMaxConcurrent");
        crmMaxHeavyConcurrent = (int) m.get("crmMaxHeavyConcurrent");
        refreshesPerMinute = (int) m.get("refreshesPerMinute");
        refreshTokenRevoked = (boolean) m.get("refreshTokenRevoked");
    }

    private static boolean parseBoolean(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("'" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /** Milliseconds every CRM and Inventory call waits before it is answered. */
    public int getLatencyMs() { return latencyMs; }
    public void setLatencyMs(int latencyMs) { this.latencyMs = Math.max(0, latencyMs); }

    /** Share (0..1) of CRM and Inventory calls answered with a 500. */
    public double getErrorRate() { return errorRate; }
    public void setErrorRate(double errorRate) { this.errorRate = Math.max(0, Math.min(1, errorRate)); }

    /** A random 500 is sent after the call took effect (a lost response) instead of before. */
    public boolean isErrorAfterProcessing() { return errorAfterProcessing; }
    public void setErrorAfterProcessing(boolean errorAfterProcessing) { this.errorAfterProcessing = errorAfterProcessing; }

    /** The next this-many CRM or Inventory calls are answered 429. */
    public int getBurst429() { return burst429.get(); }
    public void setBurst429(int burst429) { this.burst429.set(Math.max(0, burst429)); }

    /** Retry-After header on 429 answers, in seconds; 0 sends none (Zoho's header is unconfirmed). */
    public int getRetryAfterSeconds() { return retryAfterSeconds; }
    public void setRetryAfterSeconds(int retryAfterSeconds) { this.retryAfterSeconds = Math.max(0, retryAfterSeconds); }

    /** Lifetime of access tokens issued from now on (expires_in). */
    public int getTokenLifetimeSeconds() { return tokenLifetimeSeconds; }
    public void setTokenLifetimeSeconds(int tokenLifetimeSeconds) { this.tokenLifetimeSeconds = Math.max(1, tokenLifetimeSeconds); }

    /** Inventory requests allowed per organization in any 60 s window. */
    public int getInventoryRequestsPerMinute() { return inventoryRequestsPerMinute; }
    public void setInventoryRequestsPerMinute(int v) { this.inventoryRequestsPerMinute = Math.max(1, v); }

    /** CRM calls allowed in flight at once (the edition's concurrency limit). */
    public int getCrmMaxConcurrent() { return crmMaxConcurrent; }
    public void setCrmMaxConcurrent(int crmMaxConcurrent) { this.crmMaxConcurrent = Math.max(1, crmMaxConcurrent); }

    /** Heavy CRM calls (writes of more than 10 records, search, custom-view lists) allowed in flight. */
    public int getCrmMaxHeavyConcurrent() { return crmMaxHeavyConcurrent; }
    public void setCrmMaxHeavyConcurrent(int v) { this.crmMaxHeavyConcurrent = Math.max(1, v); }

    /** Token refreshes allowed in any 60 s window before the token endpoint answers "Access Denied". */
    public int getRefreshesPerMinute() { return refreshesPerMinute; }
    public boolean isRefreshTokenRevoked() { return refreshTokenRevoked; }
    public void setRefreshTokenRevoked(boolean refreshTokenRevoked) { this.refreshTokenRevoked = refreshTokenRevoked; }
    public void setRefreshesPerMinute(int refreshesPerMinute) { this.refreshesPerMinute = Math.max(1, refreshesPerMinute); }
}
