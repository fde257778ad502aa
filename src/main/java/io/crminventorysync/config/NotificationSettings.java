package io.crminventorysync.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/**
 * {@code sync.notifications.*}: near-real-time sync through Zoho CRM notifications and the Inventory
 * workflow webhook (README, "Near-real-time (notifications)"). Off by default.
 */
public class NotificationSettings {

    /** Zoho's longest channel life on CRM v4 and later. */
    public static final Duration MAX_CHANNEL_LIFETIME = Duration.ofDays(7);

    /** Subscribe to CRM notifications and sync the changes they name within seconds. */
    private boolean enabled;
    /**
     * The public base URL at which Zoho reaches this service, e.g. https://sync.example.com; the
     * channel's notify_url is this plus /hooks/zoho/crm. Required when notifications are enabled.
     */
    private String callbackUrl;
    /** How long a subscription lasts (at most 7 days, Zoho's maximum); it is renewed at half its life. */
    private Duration channelLifetime = MAX_CHANNEL_LIFETIME;
    /** How often a node looks at the channel: subscribes it when missing or failed, renews it past half its life. */
    private Duration channelCheckInterval = Duration.ofMinutes(1);
    /** How often the channel is also listed in CRM (one API call) to notice that Zoho dropped it. */
    private Duration channelVerifyInterval = Duration.ofHours(1);
    /** Disable the channel in CRM when the last node of the cluster stops cleanly. */
    private boolean disableOnShutdown;
    /** A change is synced this long after its last notification, so a burst of edits to one record is one write. */
    private Duration debounce = Duration.ofSeconds(2);
    /** ... but never later than this after its first notification, however often the record keeps changing. */
    private Duration maxDelay = Duration.ofSeconds(30);
    /** How often each node looks for queued changes that are due. */
    private Duration drainInterval = Duration.ofSeconds(1);
    /** At most this many queued records in one notification run of a module; the rest go in the next. */
    private int maxRecordsPerRun = 500;
    /** Notification runs of a module closed within this time of the first are one entry of the history. */
    private Duration historyWindow = Duration.ofMinutes(5);
    /** Largest body /hooks/** accepts (a CRM callback carries ids only). */
    private DataSize maxBodySize = DataSize.ofKilobytes(256);
    /**
     * The shared secret of the Inventory workflow webhook (header X-Sync-Webhook-Secret or query
     * parameter secret); empty refuses every call of POST /hooks/zoho/inventory. Never logged.
     */
    private String inventorySecret;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getCallbackUrl() { return callbackUrl; }
    public void setCallbackUrl(String callbackUrl) { this.callbackUrl = callbackUrl; }
    public Duration getChannelLifetime() { return channelLifetime; }
    public void setChannelLifetime(Duration channelLifetime) { this.channelLifetime = channelLifetime; }
    public Duration getChannelCheckInterval() { return channelCheckInterval; }
    public void setChannelCheckInterval(Duration v) { this.channelCheckInterval = v; }
    public Duration getChannelVerifyInterval() { return channelVerifyInterval; }
    public void setChannelVerifyInterval(Duration v) { this.channelVerifyInterval = v; }
    public boolean isDisableOnShutdown() { return disableOnShutdown; }
    public void setDisableOnShutdown(boolean disableOnShutdown) { this.disableOnShutdown = disableOnShutdown; }
    public Duration getDebounce() { return debounce; }
    public void setDebounce(Duration debounce) { this.debounce = debounce; }
    public Duration getMaxDelay() { return maxDelay; }
    public void setMaxDelay(Duration maxDelay) { this.maxDelay = maxDelay; }
    public Duration getDrainInterval() { return drainInterval; }
    public void setDrainInterval(Duration drainInterval) { this.drainInterval = drainInterval; }
    public int getMaxRecordsPerRun() { return maxRecordsPerRun; }
    public void setMaxRecordsPerRun(int maxRecordsPerRun) { this.maxRecordsPerRun = maxRecordsPerRun; }
    public Duration getHistoryWindow() { return historyWindow; }
    public void setHistoryWindow(Duration historyWindow) { this.historyWindow = historyWindow; }
    public DataSize getMaxBodySize() { return maxBodySize; }
    public void setMaxBodySize(DataSize maxBodySize) { this.maxBodySize = maxBodySize; }
    public String getInventorySecret() { return inventorySecret; }
    public void setInventorySecret(String inventorySecret) { this.inventorySecret = inventorySecret; }

    /** The channel's notify_url: the callback base plus /hooks/zoho/crm. */
    public String notifyUrl() {
        String base = callbackUrl == null ? "" : callbackUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/hooks/zoho/crm";
    }

    /** True when the callback URL is plain http (accepted, with a warning at start-up: sandbox and tests). */
    public boolean plainHttp() {
        return callbackUrl != null && callbackUrl.trim().toLowerCase(java.util.Locale.ROOT).startsWith("http://");
    }

    void check(List<String> out) {
        if (enabled) {
            String url = callbackUrl == null ? "" : callbackUrl.trim();
            if (url.isEmpty()) {
                out.add("sync.notifications.callback-url: required when sync.notifications.enabled is true (the public"
                        + " base URL at which Zoho reaches this service, e.g. https://sync.example.com); set "
                        + SyncProperties.envName("sync.notifications.callback-url"));
            } else if (!isHttpUrl(url.replaceAll("\\$\\{[^}]*}", "1"))) {
                // a placeholder (${local.server.port} in the demo and tests) is resolved when the channel is subscribed
                out.add("sync.notifications.callback-url: must be an absolute http(s) URL such as"
                        + " https://sync.example.com, was '" + url + "'");
            }
        }
        if (channelLifetime == null || channelLifetime.compareTo(Duration.ofSeconds(10)) < 0
                || channelLifetime.compareTo(MAX_CHANNEL_LIFETIME) > 0) {
            out.add("sync.notifications.channel-lifetime: from 10s to 7d (Zoho's maximum), was " + channelLifetime);
        }
        positive(out, "sync.notifications.channel-check-interval", channelCheckInterval);
        positive(out, "sync.notifications.channel-verify-interval", channelVerifyInterval);
        positive(out, "sync.notifications.drain-interval", drainInterval);
        positive(out, "sync.notifications.history-window", historyWindow);
        if (debounce == null || debounce.isNegative()) {
            out.add("sync.notifications.debounce: must be 0 or more, was " + debounce);
        }
        if (maxDelay == null || debounce != null && maxDelay.compareTo(debounce) < 0) {
            out.add("sync.notifications.max-delay: must be at least sync.notifications.debounce, was " + maxDelay);
        }
        SyncProperties.positive(out, "sync.notifications.max-records-per-run", maxRecordsPerRun);
        if (maxBodySize == null || maxBodySize.toBytes() <= 0) {
            out.add("sync.notifications.max-body-size: must be greater than 0, was " + maxBodySize);
        }
    }

    private static void positive(List<String> out, String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            out.add(name + ": must be a positive duration, was " + d);
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (IllegalArgumentException bad) {
            return false;
        }
    }
}
