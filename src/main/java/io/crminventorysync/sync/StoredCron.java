package io.crminventorysync.sync;

import io.crminventorysync.config.CronRule;
import io.crminventorysync.config.SyncProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code {{storedCron:<module>}}} in the schedule routes (routes/module-sync.xml): the module's cron
 * as stored in the database (changed over HTTP), read when the route's Quartz endpoint is created,
 * and given as one URL-encoded parameter value, so nothing in it can add an endpoint option.
 * camel-quartz reschedules the clustered trigger when it differs from the stored one, so a cron
 * change takes effect at the next start of a node, for the whole cluster.
 *
 * <p>A stored cron that does not pass {@link CronRule} (written by hand into the database, or by an
 * older version) never stops start-up: the configured default is used instead, with a warning in
 * the log and in the module's state ({@link #warning}).
 */
@Component
public class StoredCron implements CamelContextConfiguration, PropertiesFunction {

    private static final Logger log = LoggerFactory.getLogger(StoredCron.class);

    private final ModuleSettingsStore settings;
    private final SyncProperties properties;
    private final Map<String, String> warnings = new ConcurrentHashMap<>();

    public StoredCron(ModuleSettingsStore settings, SyncProperties properties) {
        this.settings = settings;
        this.properties = properties;
    }

    @Override
    public String getName() {
        return "storedCron";
    }

    /** {@code accounts} names the module's schedule, {@code accounts-reconcile} its weekly full pass. */
    @Override
    public String apply(String name) {
        String n = name.trim();
        boolean reconcile = n.endsWith(RECONCILE);
        SyncModule module = SyncModule.of(reconcile ? n.substring(0, n.length() - RECONCILE.length()) : n);
        return URLEncoder.encode(reconcile ? reconcileCron(module) : cron(module), StandardCharsets.UTF_8);
    }

    private static final String RECONCILE = "-reconcile";

    /** The cron the module's schedule runs on: the stored one, or the configured default when that is unusable. */
    public String cron(SyncModule module) {
        return usable(module, "cron", settings.get(module).cron(), properties.module(module.id()).getCron());
    }

    /** The cron of the module's weekly full pass, likewise. */
    public String reconcileCron(SyncModule module) {
        return usable(module, "reconcileCron", settings.get(module).reconcileCron(),
                properties.module(module.id()).getReconcileCron());
    }

    private String usable(SyncModule module, String setting, String stored, String fallback) {
        String key = module.id() + "." + setting;
        Optional<String> problem = CronRule.check(stored);
        if (problem.isEmpty()) {
            warnings.remove(key);
            return stored;
        }
        String warning = "stored " + setting + " of " + module + " is unusable (" + problem.get() + "); the schedule"
                + " uses the configured default '" + fallback + "' until a valid one is saved";
        warnings.put(key, warning);
        log.warn(warning);
        return fallback;
    }

    /** Why the module's schedules do not use their stored crons, if they do not. */
    public List<String> warnings(SyncModule module) {
        return warnings.entrySet().stream().filter(e -> e.getKey().startsWith(module.id() + "."))
                .map(Map.Entry::getValue).sorted().toList();
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getPropertiesComponent().addPropertiesFunction(this);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do once started: the routes read the cron when their endpoints are created
    }
}
