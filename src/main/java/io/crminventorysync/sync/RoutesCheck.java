package io.crminventorysync.sync;

import io.crminventorysync.config.RoutesLocation;
import io.crminventorysync.config.RoutesMissingException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A deployment that cannot sync must not report UP: once Camel has loaded the routes (the context is
 * refreshed), every module's schedule and run routes must be there, else start-up stops with one
 * line naming the routes pattern and the folder it read.
 */
@Component
public class RoutesCheck {

    private final CamelContext camel;
    private final Environment environment;

    public RoutesCheck(CamelContext camel, Environment environment) {
        this.camel = camel;
        this.environment = environment;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void everyModuleHasItsRoutes() {
        List<String> missing = new ArrayList<>();
        for (SyncModule module : SyncModule.values()) {
            for (String id : List.of(module.id() + "-sync", module.id() + "-run")) {
                if (camel.getRoute(id) == null) {
                    missing.add(id);
                }
            }
        }
        if (!missing.isEmpty()) {
            String given = environment.getProperty(RoutesLocation.GIVEN,
                    environment.getProperty("camel.main.routes-include-pattern", "(not set)"));
            throw new RoutesMissingException(given, RoutesLocation.folderOf(given), missing);
        }
    }
}
