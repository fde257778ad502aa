package io.crminventorysync.sync;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.sync.SyncEnums.Trigger;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers a {@link ModuleMBean} per module in the platform MBean server, when Camel's JMX is on
 * (local only: nothing
 * opens a remote JMX port unless the JVM is started with com.sun.management.jmxremote). The
 * Camel context's management name is part of the name, as in Camel's own MBeans, so several
 * contexts in one JVM (tests) do not collide.
 */
@Component
public class ModuleJmx {

    private static final Logger log = LoggerFactory.getLogger(ModuleJmx.class);
    public static final String DOMAIN = "io.crminventorysync";

    private final ModuleControl control;
    private final CamelContext camel;
    private final AuditLog audit;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();

    public ModuleJmx(ModuleControl control, CamelContext camel, AuditLog audit) {
        this.control = control;
        this.camel = camel;
        this.audit = audit;
    }

    public ObjectName name(SyncModule module) {
        try {
            return new ObjectName(DOMAIN + ":context=" + ObjectName.quote(camel.getManagementName() != null
                    ? camel.getManagementName() : camel.getName()) + ",type=modules,name=" + module);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void register() throws JMException {
        if (!registered.isEmpty()) {
            return;
        }
        // JMX off for Camel (camel.main.jmx-enabled=false) means off for the modules too
        if (camel.getManagementStrategy() == null || camel.getManagementStrategy().getManagementAgent() == null) {
            log.info("Camel JMX is off: no module MBeans");
            return;
        }
        for (SyncModule module : SyncModule.values()) {
            ObjectName name = name(module);
            server.registerMBean(new DescribedModuleMBean(new Bean(module)), name);
            registered.add(name);
        }
        log.debug("Module MBeans registered: {}", registered);
    }

    @PreDestroy
    public synchronized void unregister() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException gone) {
                log.debug("MBean {} already gone", name);
            }
        }
        registered.clear();
    }

    private final class Bean implements ModuleMBean {
        private final SyncModule module;

        Bean(SyncModule module) {
            this.module = module;
        }

        @Override public String getModule() { return module.id(); }
        @Override public boolean isPaused() { return control.state(module).paused(); }
        @Override public String getPausedReason() { return control.state(module).pausedReason(); }

        @Override
        public long getRunningRunId() {
            Long id = control.state(module).runningRunId();
            return id == null ? -1 : id;
        }

        @Override
        public String getLastRunStatus() {
            RunSummary last = control.state(module).lastRun();
            return last == null ? "" : last.status().name();
        }

        @Override
        public String getNextRunAt() {
            ModuleState s = control.state(module);
            return s.nextRunAt() == null ? "" : s.nextRunAt().toString();
        }

        @Override
        public String getState() {
            ModuleState s = control.state(module);
            return (s.paused() ? "paused (" + s.pausedReason() + ")" : "active")
                    + (s.runningRunId() != null ? ", run " + s.runningRunId() + " in progress on " + s.runningOnNode() : "")
                    + (s.lastRun() != null ? ", last run " + s.lastRun().id() + " " + s.lastRun().status() : "")
                    + (s.nextRunAt() != null ? ", next run " + s.nextRunAt() : "");
        }

        @Override
        public void pause(String reason) {
            try {
                control.pause(module, "paused over JMX" + (reason == null || reason.isBlank() ? "" : ": " + reason));
            } catch (ControlRefusedException refused) {
                throw new IllegalStateException(refused.getMessage());
            }
            audit.record(AuditLog.jmxActor(), AuditLog.PAUSED, getModule(), null, reason);
        }

        @Override
        public void resume() {
            control.resume(module, "resumed over JMX");
            audit.record(AuditLog.jmxActor(), AuditLog.RESUMED, getModule(), null, null);
        }

        @Override
        public long syncNow() {
            try {
                long runId = control.start(module, Trigger.INSTANT);
                audit.record(AuditLog.jmxActor(), AuditLog.SYNC_STARTED, getModule(), "run " + runId, null);
                return runId;
            } catch (RunRefusedException refused) {
                throw new IllegalStateException(refused.getMessage());
            }
        }
    }
}
