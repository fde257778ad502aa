package io.crminventorysync.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Every setting of the service, under the prefix {@code sync}. Each can be given as an environment
 * variable in Spring's relaxed form: {@code sync.auth.client-id} is {@code SYNC_AUTH_CLIENTID}.
 *
 * <p>The class validates itself (Spring Boot calls {@link #validate}) so that a missing or invalid
 * setting stops start-up with one line naming it, see {@link SettingsFailureAnalyzer}.
 */
@ConfigurationProperties(prefix = "sync")
public class SyncProperties implements Validator, EnvironmentAware {

    /** The profile of the built-in demo (sandbox, demo/demo login): the only one where {noop} passwords pass. */
    public static final String DEMO_PROFILE = "demo";

    /** The active profiles, for the checks that differ in the demo; set before binding and validation. */
    private Set<String> activeProfiles = Set.of();

    /** The three synced pairs; the names are used in URLs, tables and route ids. */
    public static final List<String> MODULES = List.of("accounts", "vendors", "products");

    /** Name of this node in run records and locks; defaults to the host name. */
    private String nodeName;

    /** Directory of the field mappings, one XML file per module (mappings/accounts.xml, ...). */
    private String mappingsDir = "mappings";

    /** How far back before the previous run's start a run re-reads CRM changes (clock skew, late commits). */
    private Duration cursorOverlap = Duration.ofMinutes(10);

    /** A run whose node stopped sending heartbeats for this long is considered dead and its lock is taken over. */
    private Duration runLockTimeout = Duration.ofMinutes(10);

    /** How often a node renews its claim on the modules it is running and saves their progress counts. */
    private Duration runHeartbeatInterval = Duration.ofSeconds(15);

    /**
     * Accounts and their contacts: at most this many entries (an account and its contacts) in one
     * group before it is handled, so that one account with a huge number of contacts stays bounded.
     */
    private int maxGroupSize = 500;

    /**
     * Run every enabled module once as soon as the service has started (vendors, then products, then
     * accounts, so that product vendor lookups find their vendors), instead of waiting for the first
     * cron fire. The demo profile turns it on.
     */
    private boolean syncOnStart = false;

    /**
     * How often each node brings its schedule routes in line with the shared pause flags (a module
     * paused elsewhere shows as a suspended route here, a resumed one fires here again).
     */
    private Duration routeStateInterval = Duration.ofSeconds(5);

    private final Auth auth = new Auth();
    @NestedConfigurationProperty
    private final CrmSettings crm = new CrmSettings();
    @NestedConfigurationProperty
    private final InventorySettings inventory = new InventorySettings();
    @NestedConfigurationProperty
    private final HttpSettings http = new HttpSettings();
    private final Sandbox sandbox = new Sandbox();
    private final Preview preview = new Preview();
    @NestedConfigurationProperty
    private final SecuritySettings security = new SecuritySettings();
    @NestedConfigurationProperty
    private final NotificationSettings notifications = new NotificationSettings();
    private final Map<String, Module> modules = new LinkedHashMap<>();

    public SyncProperties() {
        for (String name : MODULES) {
            modules.put(name, new Module());
        }
    }

    /** Zoho OAuth (one token provider shared by the CRM and Inventory clients). */
    public static class Auth {
        /** Zoho accounts server of your data centre, e.g. https://accounts.zoho.eu. */
        private String accountsUrl = "https://accounts.zoho.com";
        /** OAuth client id (Zoho API console, "Self Client" or server-based client). */
        private String clientId;
        /** OAuth client secret. Never logged. */
        private String clientSecret;
        /** Long-lived refresh token with CRM and Inventory scopes. Never logged. */
        private String refreshToken;
        /** At most this many token refreshes a minute (Zoho throttles refreshing). */
        private int maxRefreshesPerMinute = 3;
        /** Refresh the access token this long before it expires. */
        private Duration refreshMargin = Duration.ofMinutes(5);

        public String getAccountsUrl() { return accountsUrl; }
        public void setAccountsUrl(String accountsUrl) { this.accountsUrl = accountsUrl; }
        public String getClientId() { return clientId; }
        public void setClientId(String clientId) { this.clientId = clientId; }
        public String getClientSecret() { return clientSecret; }
        public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
        public String getRefreshToken() { return refreshToken; }
        public void setRefreshToken(String refreshToken) { this.refreshToken = refreshToken; }
        public int getMaxRefreshesPerMinute() { return maxRefreshesPerMinute; }
        public void setMaxRefreshesPerMinute(int maxRefreshesPerMinute) { this.maxRefreshesPerMinute = maxRefreshesPerMinute; }
        public Duration getRefreshMargin() { return refreshMargin; }
        public void setRefreshMargin(Duration refreshMargin) { this.refreshMargin = refreshMargin; }
    }




    /** Previews (dry runs): what a sync would do, written nowhere. */
    public static class Preview {
        /** At most this many entries of a preview's plan are kept (its counts stay exact). */
        private int maxEntries = 10_000;

        public int getMaxEntries() { return maxEntries; }
        public void setMaxEntries(int maxEntries) { this.maxEntries = maxEntries; }
    }

    /** The built-in CRM + Inventory simulator (demo profile and tests). */
    public static class Sandbox {
        /** Serve the simulated CRM, Inventory and OAuth APIs under /sandbox on this service's port. */
        private boolean enabled = false;
        /** Load the demo data set (Aztec Technologies and friends) when the sandbox starts. */
        private boolean seedDemoData = true;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public boolean isSeedDemoData() { return seedDemoData; }
        public void setSeedDemoData(boolean seedDemoData) { this.seedDemoData = seedDemoData; }
    }

    /** Defaults for one module's settings; stored in the database on first start, then changed over HTTP. */
    public static class Module {
        /** First value of the stored setting "Enable module to be synced" (then changed in the console or over HTTP). */
        private boolean enabled = true;
        /** Quartz cron of the scheduled run (default every two hours). */
        private String cron = "0 0 0/2 * * ?";
        /** Quartz cron of the weekly full pass (reconciliation): both sides read whole, vanished and drifted pairs repaired. */
        private String reconcileCron = "0 0 3 ? * SUN";
        /** ONE_WAY (CRM to Inventory) or TWO_WAY. */
        private String direction = "ONE_WAY";
        /** CLONE, OVERWRITE or SKIP: what to do with an unbound record whose key field matches. */
        private String duplicatePolicy = "SKIP";
        /** CRM_WINS, INVENTORY_WINS or LATEST_WINS when both sides changed a bound record. */
        private String conflictPolicy = "CRM_WINS";
        /** RECREATE, UNLINK or PROPAGATE: what a record deleted on one side does to its counterpart. */
        private String deletePolicy = "RECREATE";
        /** CRM custom view id (cvid) limiting what is read; empty for all records. Not for products. */
        private String crmViewId;
        /** Accounts module only: ACCOUNTS_AND_CONTACTS, ACCOUNTS or CONTACTS. */
        private String crmSide = "ACCOUNTS_AND_CONTACTS";

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
        public String getReconcileCron() { return reconcileCron; }
        public void setReconcileCron(String reconcileCron) { this.reconcileCron = reconcileCron; }
        public String getDirection() { return direction; }
        public void setDirection(String direction) { this.direction = direction; }
        public String getDuplicatePolicy() { return duplicatePolicy; }
        public void setDuplicatePolicy(String duplicatePolicy) { this.duplicatePolicy = duplicatePolicy; }
        public String getConflictPolicy() { return conflictPolicy; }
        public void setConflictPolicy(String conflictPolicy) { this.conflictPolicy = conflictPolicy; }
        public String getDeletePolicy() { return deletePolicy; }
        public void setDeletePolicy(String deletePolicy) { this.deletePolicy = deletePolicy; }
        public String getCrmViewId() { return crmViewId; }
        public void setCrmViewId(String crmViewId) { this.crmViewId = crmViewId; }
        public String getCrmSide() { return crmSide; }
        public void setCrmSide(String crmSide) { this.crmSide = crmSide; }
    }

    @Override
    public void setEnvironment(Environment environment) {
        activeProfiles = Set.of(environment.getActiveProfiles());
    }

    @Override
    public boolean supports(Class<?> clazz) {
        return SyncProperties.class.isAssignableFrom(clazz);
    }

    @Override
    public void validate(Object target, Errors errors) {
        for (String problem : problems()) {
            errors.reject("sync.setting", problem);
        }
    }

    /**
     * Every problem with the settings, one line each, starting with the property name. Real Zoho
     * needs credentials; the sandbox needs none.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!sandbox.enabled) {
            required(out, "sync.auth.client-id", auth.clientId, "the OAuth client id from the Zoho API console");
            required(out, "sync.auth.client-secret", auth.clientSecret, "the OAuth client secret from the Zoho API console");
            required(out, "sync.auth.refresh-token", auth.refreshToken, "a refresh token with ZohoCRM and ZohoInventory scopes");
            required(out, "sync.inventory.organization-id", inventory.getOrganizationId(), "your Zoho Inventory organization id");
        }
        security.check(out, activeProfiles.contains(DEMO_PROFILE));
        ZohoUrls.check(out, "sync.auth.accounts-url", auth.accountsUrl, sandbox.enabled);
        ZohoUrls.check(out, "sync.crm.api-url", crm.getApiUrl(), sandbox.enabled);
        ZohoUrls.check(out, "sync.inventory.api-url", inventory.getApiUrl(), sandbox.enabled);
        crm.check(out);
        inventory.check(out);
        http.check(out);
        notifications.check(out);
        positive(out, "sync.auth.max-refreshes-per-minute", auth.maxRefreshesPerMinute);
        positive(out, "sync.max-group-size", maxGroupSize);
        positive(out, "sync.preview.max-entries", preview.maxEntries);
        for (String name : modules.keySet()) {
            if (!MODULES.contains(name)) {
                out.add("sync.modules." + name + ": unknown module, expected one of " + MODULES);
                continue;
            }
            Module m = modules.get(name);
            String p = "sync.modules." + name + ".";
            oneOf(out, p + "direction", m.direction, "ONE_WAY", "TWO_WAY");
            oneOf(out, p + "duplicate-policy", m.duplicatePolicy, "CLONE", "OVERWRITE", "SKIP");
            oneOf(out, p + "conflict-policy", m.conflictPolicy, "CRM_WINS", "INVENTORY_WINS", "LATEST_WINS");
            oneOf(out, p + "delete-policy", m.deletePolicy, "RECREATE", "UNLINK", "PROPAGATE");
            oneOf(out, p + "crm-side", m.crmSide, "ACCOUNTS_AND_CONTACTS", "ACCOUNTS", "CONTACTS");
            CronRule.check(m.cron).ifPresent(problem -> out.add(p + "cron: " + problem));
            CronRule.check(m.reconcileCron).ifPresent(problem -> out.add(p + "reconcile-cron: " + problem));
            if ("products".equals(name) && m.crmViewId != null && !m.crmViewId.isBlank()) {
                out.add(p + "crm-view-id: a custom view cannot be chosen for products");
            }
        }
        return out;
    }

    private static void required(List<String> out, String name, String value, String what) {
        if (value == null || value.isBlank()) {
            out.add(name + ": required (" + what + "); set " + envName(name)
                    + ", or run the demo profile to use the built-in sandbox");
        }
    }

    static void positive(List<String> out, String name, int value) {
        if (value <= 0) {
            out.add(name + ": must be greater than 0, was " + value);
        }
    }

    private static void oneOf(List<String> out, String name, String value, String... allowed) {
        if (value == null || !List.of(allowed).contains(value)) {
            out.add(name + ": must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
        }
    }

    /** The environment variable Spring maps to a property: sync.auth.client-id to SYNC_AUTH_CLIENTID (dots to underscores, dashes dropped). */
    public static String envName(String property) {
        return property.replace('.', '_').replace("-", "").toUpperCase();
    }

    public String getNodeName() { return nodeName; }
    public void setNodeName(String nodeName) { this.nodeName = nodeName; }
    public String getMappingsDir() { return mappingsDir; }
    public void setMappingsDir(String mappingsDir) { this.mappingsDir = mappingsDir; }
    public Duration getCursorOverlap() { return cursorOverlap; }
    public void setCursorOverlap(Duration cursorOverlap) { this.cursorOverlap = cursorOverlap; }
    public Duration getRunLockTimeout() { return runLockTimeout; }
    public void setRunLockTimeout(Duration runLockTimeout) { this.runLockTimeout = runLockTimeout; }
    public Duration getRunHeartbeatInterval() { return runHeartbeatInterval; }
    public void setRunHeartbeatInterval(Duration runHeartbeatInterval) { this.runHeartbeatInterval = runHeartbeatInterval; }
    public int getMaxGroupSize() { return maxGroupSize; }
    public void setMaxGroupSize(int maxGroupSize) { this.maxGroupSize = maxGroupSize; }
    public Duration getRouteStateInterval() { return routeStateInterval; }
    public void setRouteStateInterval(Duration routeStateInterval) { this.routeStateInterval = routeStateInterval; }
    public boolean isSyncOnStart() { return syncOnStart; }
    public void setSyncOnStart(boolean syncOnStart) { this.syncOnStart = syncOnStart; }
    public Auth getAuth() { return auth; }
    public CrmSettings getCrm() { return crm; }
    public InventorySettings getInventory() { return inventory; }
    public HttpSettings getHttp() { return http; }
    public Sandbox getSandbox() { return sandbox; }
    public Preview getPreview() { return preview; }
    public SecuritySettings getSecurity() { return security; }
    public NotificationSettings getNotifications() { return notifications; }
    public Map<String, Module> getModules() { return modules; }

    /** The settings of one module; never null for a known module name. */
    public Module module(String name) {
        Module m = modules.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown module '" + name + "', expected one of " + MODULES);
        }
        return m;
    }
}
