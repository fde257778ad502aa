package io.crminventorysync.sync;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * {@code {{storedCron:<module>}}} in the schedule routes: the module's cron as stored in the
 * database (changed over HTTP), read when the route's Quartz endpoint is created. camel-quartz
 * reschedules the clustered trigger when it differs from the stored one, so a cron change takes
 * effect at the next start of a node, for the whole cluster.
 */
@Component
public class StoredCron implements CamelContextConfiguration, PropertiesFunction {

    private final ModuleSettingsStore settings;

    public StoredCron(ModuleSettingsStore settings) {
        this.settings = settings;
    }

    @Override
    public String getName() {
        return "storedCron";
    }

    @Override
    public String apply(String module) {
        return settings.get(module.trim()).cron();
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
