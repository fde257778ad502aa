package io.crminventorysync.config;

/** {@code sync.crm.*}: the Zoho CRM API. */
public class CrmSettings {
    /** CRM API base URL of your data centre, with the API version. */
    private String apiUrl = "https://www.zohoapis.com/crm/v7";
    /** At most this many CRM calls in flight at once (the edition's concurrency limit). */
    private int maxConcurrentCalls = 10;
    /**
     * Records read through one paged query before a run starts a new one from the last record's
     * modified time: Zoho CRM pages at most 100,000 records per query.
     */
    private int maxRecordsPerQuery = 99_000;
    /**
     * A run stops (PARTIAL, DAILY_LIMIT) once CRM says no more than this many API credits remain in
     * its rolling 24 hours (the X-API-CREDITS-REMAINING header), leaving them to people and other
     * integrations. 0: use them all.
     */
    private long creditReserve = 500;

    public String getApiUrl() { return apiUrl; }
    public void setApiUrl(String apiUrl) { this.apiUrl = apiUrl; }
    public int getMaxRecordsPerQuery() { return maxRecordsPerQuery; }
    public void setMaxRecordsPerQuery(int maxRecordsPerQuery) { this.maxRecordsPerQuery = maxRecordsPerQuery; }
    public int getMaxConcurrentCalls() { return maxConcurrentCalls; }
    public long getCreditReserve() { return creditReserve; }
    public void setCreditReserve(long creditReserve) { this.creditReserve = creditReserve; }

    void check(java.util.List<String> out) {
        SyncProperties.positive(out, "sync.crm.max-concurrent-calls", maxConcurrentCalls);
        if (maxRecordsPerQuery < 400 || maxRecordsPerQuery > 99_800) {
            out.add("sync.crm.max-records-per-query: must be between 400 and 99800 (Zoho pages at most 100,000), was "
                    + maxRecordsPerQuery);
        }
        if (creditReserve < 0) {
            out.add("sync.crm.credit-reserve: 0 or more, was " + creditReserve);
        }
    }
    public void setMaxConcurrentCalls(int maxConcurrentCalls) { this.maxConcurrentCalls = maxConcurrentCalls; }
}
