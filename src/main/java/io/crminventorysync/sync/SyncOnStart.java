package io.crminventorysync.sync;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code sync.sync-on-start}, the initial sync of every enabled module runs right after start-up
 * in the background, in the order that lets lookups resolve: vendors before products. A module that
 * is paused or already running elsewhere is skipped with a log line.
 */
@Component
public class SyncOnStart {

    private static final Logger log = LoggerFactory.getLogger(SyncOnStart.class);
    static final List<SyncModule> ORDER = List.of(SyncModule.VENDORS, SyncModule.PRODUCTS, SyncModule.ACCOUNTS);

    private final SyncProperties properties;
    private final ModuleControl control;
    private final ModuleSettingsStore settings;

    public SyncOnStart(SyncProperties properties, ModuleControl control, ModuleSettingsStore settings) {
        this.properties = properties;
        this.control = control;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void started() {
        if (!properties.isSyncOnStart()) {
            return;
        }
        Thread worker = new Thread(this::runAll, "sync-on-start");
        worker.setDaemon(true);
        worker.start();
    }

    private void runAll() {
        for (SyncModule module : ORDER) {
            if (!settings.get(module).enabled()) {
                continue;
            }
            try {
                RunSummary run = control.runNow(module, Trigger.STARTUP);
                log.info("Initial sync of {}: {} (pull {})", module, run.status(), run.pull());
            } catch (RunRefusedException refused) {
                log.info("Initial sync of {} not started: {}", module, refused.getMessage());
            } catch (RuntimeException e) {
                log.error("Initial sync of {} failed: {}", module, e.getMessage());
            }
        }
    }
}
