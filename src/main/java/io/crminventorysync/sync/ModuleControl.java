package io.crminventorysync.sync;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.sync.SyncEnums.Trigger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts runs: from the Quartz schedule (routes/{module}-sync.xml) and on demand (instant sync,
 * settings saved with sync). Either way the run is opened here first, so a paused module or a run
 * in progress anywhere in the cluster refuses it before anything is read.
 */
@Component("moduleControl")
public class ModuleControl {

    private static final Logger log = LoggerFactory.getLogger(ModuleControl.class);

    private final SyncRuns runs;
    private final CamelContext camel;
    private final ProducerTemplate producer;

    public ModuleControl(SyncRuns runs, CamelContext camel, ProducerTemplate producer) {
        this.runs = runs;
        this.camel = camel;
        this.producer = producer;
    }

    /**
     * A scheduled fire: opens the run on the exchange, or logs why not (paused, already running) and
     * leaves the exchange without a run, which the schedule route then ignores.
     */
    public void scheduled(Exchange exchange, String module) {
        try {
            runs.attach(exchange, runs.open(module, Trigger.SCHEDULE));
        } catch (RunRefusedException refused) {
            log.info("Scheduled run of {} not started: {}", module, refused.getMessage());
        }
    }

    /** Opens a run and carries it out in the background; returns its id at once. */
    public long start(String module, Trigger trigger) {
        RunProgress progress = runs.open(checked(module), trigger);
        Exchange exchange = new DefaultExchange(camel);
        runs.attach(exchange, progress);
        producer.asyncSend(runEndpoint(module), exchange);
        return progress.runId();
    }

    /** Opens a run and carries it out in the caller's thread (tests, command-line use). */
    public RunSummary runNow(String module, Trigger trigger) {
        RunProgress progress = runs.open(checked(module), trigger);
        Exchange exchange = new DefaultExchange(camel);
        runs.attach(exchange, progress);
        producer.send(runEndpoint(module), exchange);
        return runs.summary(progress.runId());
    }

    public static String runEndpoint(String module) {
        return "direct:" + module + "-run";
    }

    private static String checked(String module) {
        if (!SyncProperties.MODULES.contains(module)) {
            throw new IllegalArgumentException("unknown module '" + module + "', expected one of " + SyncProperties.MODULES);
        }
        return module;
    }
}
