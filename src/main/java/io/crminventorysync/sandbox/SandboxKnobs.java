package io.crminventorysync.sandbox;

import io.crminventorysync.config.SyncProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Fault and limit settings of the sandbox, changed by tests and benchmarks (in-JVM or over
 * /sandbox/_admin/knobs). The Inventory per-minute budget and the CRM concurrency default to what
 * the service is configured to expect of the real organization and edition, so that a test profile
 * that lifts the client's pacing also lifts the simulated limit.
 *
 * <p>Every random decision (the error rates, the write faults, dropping or repeating a callback)
 * draws from one source: with {@code seed} set to anything but 0 it is a {@link Random} seeded with
 * it, so a test that makes its calls one after the other sees the same faults on every run.
 */
@Component
@SandboxEnabled
public class SandboxKnobs {

    /** What a write call suffers, decided by one draw per call (see {@link #rollWriteFault}). */
    enum WriteFault {
        NONE,
        /** 500 before the write takes effect. */
        ERROR_BEFORE,
        /** The write takes effect, then 500. */
        ERROR_AFTER,
        /** The write takes effect, then the connection is dropped mid-answer. */
        DROP,
        /** The write takes effect and no answer comes; the connection is dropped after a hold. */
        NO_ANSWER
    }

    /** Which API the fault rates apply to. */
    static final List<String> FAULT_APIS = List.of("all", "crm", "inventory");

    private final SyncProperties properties;

    private volatile int latencyMs;
    private volatile int crmLatencyMs;
    private volatile int inventoryLatencyMs;
    private volatile double errorRate;
    private volatile boolean errorAfterProcessing;
    private volatile double writeErrorRate;
    private volatile double writeErrorAfterRate;
    private volatile double writeDropRate;
    private volatile double writeNoAnswerRate;
    private volatile int noAnswerHoldMs;
    private volatile String faultApi;
    private volatile long seed;
    /** Thread-safe on its own; calls made one after the other draw in a fixed order. */
    private volatile Random seeded;
    private final AtomicInteger burst429 = new AtomicInteger();
    private volatile int retryAfterSeconds;
    private volatile int tokenLifetimeSeconds;
    private volatile int inventoryRequestsPerMinute;
    private volatile int inventoryCallsPerDay;
    private volatile int crmCreditsPerDay;
    private volatile int crmMaxConcurrent;
    private volatile int crmMaxHeavyConcurrent;
    private volatile int refreshesPerMinute;
    /** The refresh token has been revoked (by the user, or by Zoho): every refresh answers invalid_code. */
    private volatile boolean refreshTokenRevoked;
    private volatile double notifyDropRate;
    private volatile double notifyDuplicateRate;
    private volatile int notifyDelayMs;
    private volatile String inventoryWebhookUrl;
    private volatile String inventoryWebhookSecret;

    public SandboxKnobs(SyncProperties properties) {
        this.properties = properties;
        reset();
    }

    /** Back to the defaults: no latency, no faults, no daily caps, Zoho's limits. */
    public final synchronized void reset() {
        latencyMs = 0;
        crmLatencyMs = 0;
        inventoryLatencyMs = 0;
        errorRate = 0;
        errorAfterProcessing = false;
        writeErrorRate = 0;
        writeErrorAfterRate = 0;
        writeDropRate = 0;
        writeNoAnswerRate = 0;
        // Longer than the service's own read timeout: the client gives up before the sandbox does.
        noAnswerHoldMs = (int) Math.min(Integer.MAX_VALUE, properties.getHttp().getReadTimeout().toMillis() + 1000);
        faultApi = "all";
        setSeed(0);
        burst429.set(0);
        retryAfterSeconds = 0;
        tokenLifetimeSeconds = 3600;
        inventoryRequestsPerMinute = properties.getInventory().getRequestsPerMinute();
        inventoryCallsPerDay = 0;
        crmCreditsPerDay = 0;
        crmMaxConcurrent = properties.getCrm().getMaxConcurrentCalls();
        // Zoho's sub-concurrency limit for heavy calls (big writes, search, views).
        crmMaxHeavyConcurrent = Math.min(10, crmMaxConcurrent);
        // Observed Zoho behaviour: about ten refreshes a minute before "Access Denied".
        refreshesPerMinute = 10;
        refreshTokenRevoked = false;
        notifyDropRate = 0;
        notifyDuplicateRate = 0;
        notifyDelayMs = 0;
        inventoryWebhookUrl = "";
        inventoryWebhookSecret = "";
    }

    // ------------------------------------------------------------------ random decisions

    /** A uniform draw in [0, 1) from the seeded source, or from the thread's own when unseeded. */
    double roll() {
        Random r = seeded;
        return r != null ? r.nextDouble() : ThreadLocalRandom.current().nextDouble();
    }

    /** True with probability {@code rate}; draws nothing when the rate is 0, so unrelated knobs keep their sequence. */
    boolean chance(double rate) {
        return rate > 0 && roll() < rate;
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

    /** True when this call of {@code api} ("crm" or "inventory") must fail with a random 500. */
    boolean rollError(String api) {
        return appliesTo(api) && chance(errorRate);
    }

    /** The fault a write call of {@code api} suffers: one draw shared out over the four write-fault rates. */
    WriteFault rollWriteFault(String api) {
        double before = writeErrorRate;
        double after = writeErrorAfterRate;
        double drop = writeDropRate;
        double noAnswer = writeNoAnswerRate;
        if (!appliesTo(api) || before + after + drop + noAnswer <= 0) {
            return WriteFault.NONE;
        }
        double r = roll();
        if (r < before) {
            return WriteFault.ERROR_BEFORE;
        }
        if (r < before + after) {
            return WriteFault.ERROR_AFTER;
        }
        if (r < before + after + drop) {
            return WriteFault.DROP;
        }
        if (r < before + after + drop + noAnswer) {
            return WriteFault.NO_ANSWER;
        }
        return WriteFault.NONE;
    }

    private boolean appliesTo(String api) {
        String target = faultApi;
        return "all".equals(target) || target.equals(api);
    }

    // ------------------------------------------------------------------ as a map (GET/PUT /sandbox/_admin/knobs)

    /** The knobs as JSON-ready name/value pairs (the shape of GET /sandbox/_admin/knobs). */
    public synchronized Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latencyMs", latencyMs);
        m.put("crmLatencyMs", crmLatencyMs);
        m.put("inventoryLatencyMs", inventoryLatencyMs);
        m.put("errorRate", errorRate);
        m.put("errorAfterProcessing", errorAfterProcessing);
        m.put("writeErrorRate", writeErrorRate);
        m.put("writeErrorAfterRate", writeErrorAfterRate);
        m.put("writeDropRate", writeDropRate);
        m.put("writeNoAnswerRate", writeNoAnswerRate);
        m.put("noAnswerHoldMs", noAnswerHoldMs);
        m.put("faultApi", faultApi);
        m.put("seed", seed);
        m.put("burst429", burst429.get());
        m.put("retryAfterSeconds", retryAfterSeconds);
        m.put("tokenLifetimeSeconds", tokenLifetimeSeconds);
        m.put("inventoryRequestsPerMinute", inventoryRequestsPerMinute);
        m.put("inventoryCallsPerDay", inventoryCallsPerDay);
        m.put("crmCreditsPerDay", crmCreditsPerDay);
        m.put("crmMaxConcurrent", crmMaxConcurrent);
        m.put("crmMaxHeavyConcurrent", crmMaxHeavyConcurrent);
        m.put("refreshesPerMinute", refreshesPerMinute);
        m.put("refreshTokenRevoked", refreshTokenRevoked);
        m.put("notifyDropRate", notifyDropRate);
        m.put("notifyDuplicateRate", notifyDuplicateRate);
        m.put("notifyDelayMs", notifyDelayMs);
        m.put("inventoryWebhookUrl", inventoryWebhookUrl);
        m.put("inventoryWebhookSecret", inventoryWebhookSecret);
        return m;
    }

    /**
     * Changes the knobs named in {@code changes}, leaving the others as they are.
     *
     * @throws IllegalArgumentException naming the first unknown knob or bad value; nothing is changed then
     */
    public synchronized void apply(Map<String, ?> changes) {
        Map<String, Object> before = asMap();
        for (var e : changes.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown knob '" + e.getKey() + "', expected one of " + before.keySet());
            }
            if (!(e.getValue() instanceof Number || e.getValue() instanceof Boolean || e.getValue() instanceof String)) {
                throw new IllegalArgumentException("knob '" + e.getKey() + "' needs a number, boolean or text, was "
                        + e.getValue());
            }
        }
        try {
            for (var e : changes.entrySet()) {
                set(e.getKey(), String.valueOf(e.getValue()));
            }
        } catch (IllegalArgumentException bad) {
            before.forEach((k, v) -> set(k, String.valueOf(v)));
            throw new IllegalArgumentException("bad knob value: " + bad.getMessage(), bad);
        }
    }

    private void set(String knob, String v) {
        switch (knob) {
            case "latencyMs" -> setLatencyMs(Integer.parseInt(v));
            case "crmLatencyMs" -> setCrmLatencyMs(Integer.parseInt(v));
            case "inventoryLatencyMs" -> setInventoryLatencyMs(Integer.parseInt(v));
            case "errorRate" -> setErrorRate(Double.parseDouble(v));
            case "errorAfterProcessing" -> setErrorAfterProcessing(parseBoolean(v));
            case "writeErrorRate" -> setWriteErrorRate(Double.parseDouble(v));
            case "writeErrorAfterRate" -> setWriteErrorAfterRate(Double.parseDouble(v));
            case "writeDropRate" -> setWriteDropRate(Double.parseDouble(v));
            case "writeNoAnswerRate" -> setWriteNoAnswerRate(Double.parseDouble(v));
            case "noAnswerHoldMs" -> setNoAnswerHoldMs(Integer.parseInt(v));
            case "faultApi" -> setFaultApi(v);
            case "seed" -> setSeed(Long.parseLong(v));
            case "burst429" -> setBurst429(Integer.parseInt(v));
            case "retryAfterSeconds" -> setRetryAfterSeconds(Integer.parseInt(v));
            case "tokenLifetimeSeconds" -> setTokenLifetimeSeconds(Integer.parseInt(v));
            case "inventoryRequestsPerMinute" -> setInventoryRequestsPerMinute(Integer.parseInt(v));
            case "inventoryCallsPerDay" -> setInventoryCallsPerDay(Integer.parseInt(v));
            case "crmCreditsPerDay" -> setCrmCreditsPerDay(Integer.parseInt(v));
            case "crmMaxConcurrent" -> setCrmMaxConcurrent(Integer.parseInt(v));
            case "crmMaxHeavyConcurrent" -> setCrmMaxHeavyConcurrent(Integer.parseInt(v));
            case "refreshesPerMinute" -> setRefreshesPerMinute(Integer.parseInt(v));
            case "refreshTokenRevoked" -> setRefreshTokenRevoked(parseBoolean(v));
            case "notifyDropRate" -> setNotifyDropRate(Double.parseDouble(v));
            case "notifyDuplicateRate" -> setNotifyDuplicateRate(Double.parseDouble(v));
            case "notifyDelayMs" -> setNotifyDelayMs(Integer.parseInt(v));
            case "inventoryWebhookUrl" -> setInventoryWebhookUrl(v);
            case "inventoryWebhookSecret" -> setInventoryWebhookSecret(v);
            default -> throw new IllegalArgumentException("unknown knob '" + knob + "'");
        }
    }

    private static boolean parseBoolean(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("'" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private static double rate(double r) {
        if (Double.isNaN(r)) {
            throw new IllegalArgumentException("a rate must be a number from 0 to 1");
        }
        return Math.max(0, Math.min(1, r));
    }

    // ------------------------------------------------------------------ getters and setters

    /** Milliseconds every CRM and Inventory call waits before it is answered. */
    public int getLatencyMs() { return latencyMs; }
    public void setLatencyMs(int latencyMs) { this.latencyMs = Math.max(0, latencyMs); }

    /** Extra milliseconds every CRM call waits (added to latencyMs); calls wait side by side, as on Zoho. */
    public int getCrmLatencyMs() { return crmLatencyMs; }
    public void setCrmLatencyMs(int v) { this.crmLatencyMs = Math.max(0, v); }

    /** Extra milliseconds every Inventory call waits (added to latencyMs); calls wait side by side, as on Zoho. */
    public int getInventoryLatencyMs() { return inventoryLatencyMs; }
    public void setInventoryLatencyMs(int v) { this.inventoryLatencyMs = Math.max(0, v); }

    /** Share (0..1) of CRM and Inventory calls, reads included, answered with a 500. */
    public double getErrorRate() { return errorRate; }
    public void setErrorRate(double errorRate) { this.errorRate = rate(errorRate); }

    /** An errorRate 500 is sent after the call took effect (a lost response) instead of before. */
    public boolean isErrorAfterProcessing() { return errorAfterProcessing; }
    public void setErrorAfterProcessing(boolean errorAfterProcessing) { this.errorAfterProcessing = errorAfterProcessing; }

    /** Share (0..1) of write calls answered 500 before the write takes effect. */
    public double getWriteErrorRate() { return writeErrorRate; }
    public void setWriteErrorRate(double v) { this.writeErrorRate = rate(v); }

    /** Share (0..1) of write calls that take effect and are then answered 500. */
    public double getWriteErrorAfterRate() { return writeErrorAfterRate; }
    public void setWriteErrorAfterRate(double v) { this.writeErrorAfterRate = rate(v); }

    /** Share (0..1) of write calls that take effect, then lose their connection mid-answer (an I/O error). */
    public double getWriteDropRate() { return writeDropRate; }
    public void setWriteDropRate(double v) { this.writeDropRate = rate(v); }

    /** Share (0..1) of write calls that take effect and are never answered (the client times out). */
    public double getWriteNoAnswerRate() { return writeNoAnswerRate; }
    public void setWriteNoAnswerRate(double v) { this.writeNoAnswerRate = rate(v); }

    /** How long an unanswered write holds its connection before dropping it (default: the service's read timeout + 1 s). */
    public int getNoAnswerHoldMs() { return noAnswerHoldMs; }
    public void setNoAnswerHoldMs(int v) { this.noAnswerHoldMs = Math.max(0, v); }

    /** The API the error and write-fault rates apply to: all, crm or inventory. */
    public String getFaultApi() { return faultApi; }
    public void setFaultApi(String v) {
        if (!FAULT_APIS.contains(v)) {
            throw new IllegalArgumentException("faultApi '" + v + "' is not one of " + FAULT_APIS);
        }
        this.faultApi = v;
    }

    /** Seed of every random decision; 0 draws unseeded. Setting it (again) restarts the sequence. */
    public long getSeed() { return seed; }
    public synchronized void setSeed(long seed) {
        this.seed = seed;
        this.seeded = seed == 0 ? null : new Random(seed);
    }

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

    /** Inventory calls allowed per organization in any 24 h window (the plan's daily cap); 0 is no cap. */
    public int getInventoryCallsPerDay() { return inventoryCallsPerDay; }
    public void setInventoryCallsPerDay(int v) { this.inventoryCallsPerDay = Math.max(0, v); }

    /** CRM API credits in any 24 h window (the edition's credits); 0 is unlimited. */
    public int getCrmCreditsPerDay() { return crmCreditsPerDay; }
    public void setCrmCreditsPerDay(int v) { this.crmCreditsPerDay = Math.max(0, v); }

    /** CRM calls allowed in flight at once (the edition's concurrency limit). */
    public int getCrmMaxConcurrent() { return crmMaxConcurrent; }
    public void setCrmMaxConcurrent(int crmMaxConcurrent) { this.crmMaxConcurrent = Math.max(1, crmMaxConcurrent); }

    /** Heavy CRM calls (writes of more than 10 records, search, custom-view lists) allowed in flight. */
    public int getCrmMaxHeavyConcurrent() { return crmMaxHeavyConcurrent; }
    public void setCrmMaxHeavyConcurrent(int v) { this.crmMaxHeavyConcurrent = Math.max(1, v); }

    /** Token refreshes allowed in any 60 s window before the token endpoint answers "Access Denied". */
    public int getRefreshesPerMinute() { return refreshesPerMinute; }
    public void setRefreshesPerMinute(int refreshesPerMinute) { this.refreshesPerMinute = Math.max(1, refreshesPerMinute); }
    public boolean isRefreshTokenRevoked() { return refreshTokenRevoked; }
    public void setRefreshTokenRevoked(boolean refreshTokenRevoked) { this.refreshTokenRevoked = refreshTokenRevoked; }

    /** Share (0..1) of outgoing callbacks (CRM notifications, Inventory webhooks) never sent. */
    public double getNotifyDropRate() { return notifyDropRate; }
    public void setNotifyDropRate(double v) { this.notifyDropRate = rate(v); }

    /** Share (0..1) of outgoing callbacks sent twice. */
    public double getNotifyDuplicateRate() { return notifyDuplicateRate; }
    public void setNotifyDuplicateRate(double v) { this.notifyDuplicateRate = rate(v); }

    /** Milliseconds an outgoing callback waits before it is sent. */
    public int getNotifyDelayMs() { return notifyDelayMs; }
    public void setNotifyDelayMs(int v) { this.notifyDelayMs = Math.max(0, v); }

    /** Where Inventory's workflow rule posts contact and item changes; empty sends nothing. */
    public String getInventoryWebhookUrl() { return inventoryWebhookUrl; }
    public void setInventoryWebhookUrl(String v) {
        String url = v == null ? "" : v.trim();
        if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("inventoryWebhookUrl '" + v + "' is not an http(s) URL");
        }
        this.inventoryWebhookUrl = url;
    }

    /** Shared secret the workflow rule sends in the X-Sync-Webhook-Secret header. */
    public String getInventoryWebhookSecret() { return inventoryWebhookSecret; }
    public void setInventoryWebhookSecret(String v) { this.inventoryWebhookSecret = v == null ? "" : v; }
}
