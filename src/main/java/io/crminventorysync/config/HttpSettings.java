package io.crminventorysync.config;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** {@code sync.http.*}: the HTTP client both API clients share. */
public class HttpSettings {
    /** TCP connect timeout. */
    private Duration connectTimeout = Duration.ofSeconds(10);
    /** Time to wait for a response. */
    private Duration readTimeout = Duration.ofSeconds(60);
    /** Retries of a 5xx answer or a timeout before the call fails (429 is retried without this bound). */
    private int maxRetries = 4;
    /** First backoff after a 429 without Retry-After, doubled each time (with jitter). */
    private Duration initialBackoff = Duration.ofSeconds(1);
    /** Longest wait between two tries. */
    private Duration maxBackoff = Duration.ofSeconds(60);
    /**
     * Largest answer read from Zoho (a page of 200 records is well under 1 MB); a bigger one fails
     * that call with a clear error instead of exhausting the memory.
     */
    private DataSize maxResponseSize = DataSize.ofMegabytes(32);

    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    public int getMaxRetries() { return maxRetries; }
    public void setMaxRetries(int maxRetries) { this.maxRetries = maxRetries; }
    public Duration getInitialBackoff() { return initialBackoff; }
    public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
    public Duration getMaxBackoff() { return maxBackoff; }
    public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    public DataSize getMaxResponseSize() { return maxResponseSize; }
    public void setMaxResponseSize(DataSize maxResponseSize) { this.maxResponseSize = maxResponseSize; }

    void check(java.util.List<String> out) {
        if (maxRetries < 0) {
            out.add("sync.http.max-retries: must be 0 or more, was " + maxRetries);
        }
        if (maxResponseSize == null || maxResponseSize.toBytes() < 1024) {
            out.add("sync.http.max-response-size: must be at least 1KB, was " + maxResponseSize);
        }
    }
}
