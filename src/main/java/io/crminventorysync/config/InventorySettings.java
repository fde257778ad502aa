package io.crminventorysync.config;

import java.time.Duration;
import java.util.List;

/** {@code sync.inventory.*}: the Zoho Inventory API and its budget. */
public class InventorySettings {
    /** Inventory API base URL of your data centre. */
    private String apiUrl = "https://www.zohoapis.com/inventory/v1";
    /** Inventory organization id, sent as organization_id on every call. */
    private String organizationId;
    /**
     * At most this many Inventory requests a minute for the organization, shared by every module on
     * every node (a bucket kept in the database).
     */
    private int requestsPerMinute = 100;
    /**
     * At most this many Inventory calls in any 24 hours, counted across the cluster: the daily cap of
     * your Zoho plan (README, "The API budget"). 0: no cap of ours, only Inventory's own refusal stops a run.
     */
    private int dailyLimit;
    /**
     * At most this many Inventory calls in flight at once (Inventory allows 10 on paid plans, 5 on
     * the free one); within it, as many as the budget and the measured answer time need.
     */
    private int maxConcurrentCalls = 10;
    /** After Inventory refused a call for the day (its code 45) and no daily-limit is set: no call for this long. */
    private Duration dailyLimitPause = Duration.ofHours(1);

    public String getApiUrl() { return apiUrl; }
    public void setApiUrl(String apiUrl) { this.apiUrl = apiUrl; }
    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public int getRequestsPerMinute() { return requestsPerMinute; }
    public void setRequestsPerMinute(int requestsPerMinute) { this.requestsPerMinute = requestsPerMinute; }
    public int getDailyLimit() { return dailyLimit; }
    public void setDailyLimit(int dailyLimit) { this.dailyLimit = dailyLimit; }
    public int getMaxConcurrentCalls() { return maxConcurrentCalls; }
    public void setMaxConcurrentCalls(int maxConcurrentCalls) { this.maxConcurrentCalls = maxConcurrentCalls; }
    public Duration getDailyLimitPause() { return dailyLimitPause; }
    public void setDailyLimitPause(Duration dailyLimitPause) { this.dailyLimitPause = dailyLimitPause; }

    void check(List<String> out) {
        SyncProperties.positive(out, "sync.inventory.requests-per-minute", requestsPerMinute);
        if (requestsPerMinute > 1_000_000) {
            out.add("sync.inventory.requests-per-minute: at most 1000000, was " + requestsPerMinute);
        }
        if (dailyLimit < 0) {
            out.add("sync.inventory.daily-limit: 0 (no cap) or more, was " + dailyLimit);
        }
        SyncProperties.positive(out, "sync.inventory.max-concurrent-calls", maxConcurrentCalls);
        if (dailyLimitPause == null || dailyLimitPause.isNegative() || dailyLimitPause.isZero()) {
            out.add("sync.inventory.daily-limit-pause: must be a positive duration, was " + dailyLimitPause);
        }
    }
}
