package io.crminventorysync.sync;

import io.crminventorysync.http.ApiBudget;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Starts runs: from the Quartz schedule (routes/{module}-sync.xml) and on demand (instant sync,
 * settings saved with sync). Either way the run is opened here first, so a paused module or a run
 * in progress anywhere in the cluster refuses it before anything is read.
 *
 * <p>Also the one place of the control rules: pause, resume and the transaction modules switch.
 * The HTTP API, the per-module MBean and the route-suspend hook (Hawtio) all call these methods, so
 * every way of asking gets the same answer and the same effect: a flag in the shared database
 * that {@link SyncRuns#open} checks on every node.
 */
@Component("moduleControl")
public class ModuleControl {

    private static final Logger log = LoggerFactory.getLogger(ModuleControl.class);

    /** The product allows pausing these modules only (accounts always sync). */
    public static final List<SyncModule> PAUSABLE = List.of(SyncModule.VENDORS, SyncModule.PRODUCTS);

    private final SyncRuns runs;
    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ModuleSettingsStore settings;
    private final TransactionModulesStore transactions;
    private final RunStore history;
    private final ModuleLock lock;
    private final ObjectProvider<Scheduler> scheduler;
    private final StoredCron cron;

    private final ApiBudget budget;

    public ModuleControl(SyncRuns runs, CamelContext camel, ProducerTemplate producer, ModuleSettingsStore settings,
            TransactionModulesStore transactions, RunStore history, ModuleLock lock,
            ObjectProvider<Scheduler> scheduler, StoredCron cron, ApiBudget budget) {
        this.budget = budget;
        this.runs = runs;
        this.camel = camel;
        this.producer = producer;
        this.settings = settings;
        this.transactions = transactions;
        this.history = history;
        this.lock = lock;
        this.scheduler = scheduler;
        this.cron = cron;
    }

    /**
     * Pauses a module on every node: scheduled fires are skipped and instant syncs refused until it
     * is resumed, across restarts. Refused (and nothing changed) for a module the product does not
     * let pause, or while the transaction modules are enabled. A run already going finishes.
     *
     * @param by who or what asked (HTTP user, JMX, route suspend), kept as the pause's reason
     */
    public ModuleSettings pause(SyncModule module, String by) {
        if (!PAUSABLE.contains(module)) {
            throw new ControlRefusedException(ControlRefusedException.Reason.NOT_PAUSABLE, "module " + module + " cannot be paused: only " + PAUSABLE
                    + " can be paused");
        }
        if (transactions.enabled()) {
            throw new ControlRefusedException(ControlRefusedException.Reason.TRANSACTION_MODULES_ENABLED, "module " + module + " cannot be paused while the transaction modules "
                    + TransactionModulesStore.MODULES + " are enabled; disable them first");
        }
        ModuleSettings current = settings.get(module);
        if (!current.paused()) {
            settings.setPaused(module, true, by);
            log.info("Module {} paused ({})", module, by);
        }
        return settings.get(module);
    }

    /** Resumes a paused module on every node; resuming a module that is not paused changes nothing. */
    public ModuleSettings resume(SyncModule module, String by) {
        if (settings.get(module).paused()) {
            settings.setPaused(module, false, null);
            log.info("Module {} resumed ({})", module, by);
        }
        return settings.get(module);
    }

    /**
     * Switches the transaction modules. Enabling them while a module is paused is refused: the
     * product never lets a pause coexist with them, and silently resuming would surprise the operator.
     */
    public TransactionModulesStore.State setTransactionModules(boolean enabled) {
        if (enabled) {
            List<SyncModule> paused = settings.all().stream().filter(ModuleSettings::paused).map(ModuleSettings::module).toList();
            if (!paused.isEmpty()) {
                throw new ControlRefusedException(ControlRefusedException.Reason.MODULES_PAUSED, "the transaction modules cannot be enabled while " + paused
                        + " paused; resume first");
            }
        }
        TransactionModulesStore.State state = transactions.set(enabled);
        log.info("Transaction modules {}", enabled ? "enabled" : "disabled");
        return state;
    }

    /** The module as an operator sees it (HTTP, JMX). */
    public ModuleState state(SyncModule module) {
        ModuleSettings s = settings.get(module);
        Optional<ModuleLock.Holder> running = lock.holder(module);
        List<RunSummary> last = history.history(module, 1);
        return new ModuleState(module, s.enabled(), s, s.paused(), s.pausedReason(),
                running.map(ModuleLock.Holder::runId).orElse(null), running.map(ModuleLock.Holder::node).orElse(null),
                last.isEmpty() ? null : last.get(0), nextRunAt(module), cron.warnings(module), budget.snapshot());
    }

    /**
     * The next fire of the module's clustered trigger as stored in the Quartz job store (the same on
     * every node); null when the module's schedule route is not started.
     */
    Instant nextRunAt(SyncModule module) {
        Scheduler quartz = scheduler.getIfAvailable();
        if (quartz == null) {
            return null;
        }
        try {
            org.quartz.Trigger trigger = quartz.getTrigger(TriggerKey.triggerKey(module.id(), "sync"));
            Date next = trigger == null ? null : trigger.getNextFireTime();
            return next == null ? null : next.toInstant();
        } catch (SchedulerException e) {
            log.warn("Next fire of {} unknown: {}", module, e.getMessage());
            return null;
        }
    }

    /**
     * A scheduled fire: opens the run on the exchange, or logs why not (paused, already running) and
     * leaves the exchange without a run, which the schedule route then ignores.
     */
    public void scheduled(Exchange exchange, String moduleId, String trigger) {
        SyncModule module = SyncModule.of(moduleId);
        if (!settings.get(module).enabled()) {
            log.info("Scheduled run of {} not started: the module is not enabled to be synced", module);
            return;
        }
        try {
            runs.attach(exchange, runs.open(module, Trigger.valueOf(trigger)));
        } catch (RunRefusedException refused) {
            log.info("Scheduled run of {} not started: {}", module, refused.getMessage());
        }
    }

    /** Opens a run and carries it out in the background; returns its id at once. */
    public long start(SyncModule module, Trigger trigger) {
        return start(module, trigger, trigger == Trigger.RECONCILE);
    }

    /** As {@link #start(SyncModule, Trigger)}; {@code full} makes it a full pass (reconciliation). */
    public long start(SyncModule module, Trigger trigger, boolean full) {
        return start(module, full ? RunRequest.full(trigger) : RunRequest.of(trigger));
    }

    /** Opens a run as requested (preview, retry of named records, full pass) and carries it out in the background. */
    public long start(SyncModule module, RunRequest request) {
        RunProgress progress = runs.open(module, request);
        if (unrouted(progress)) {
            return progress.runId();
        }
        Exchange exchange = new DefaultExchange(camel);
        runs.attach(exchange, progress);
        producer.asyncSend(runEndpoint(module), exchange);
        return progress.runId();
    }

    /** Opens a run and carries it out in the caller's thread (tests, command-line use). */
    public RunSummary runNow(SyncModule module, Trigger trigger) {
        return runNow(module, trigger, trigger == Trigger.RECONCILE);
    }

    /** As {@link #runNow(SyncModule, Trigger)}; {@code full} makes it a full pass (reconciliation). */
    public RunSummary runNow(SyncModule module, Trigger trigger, boolean full) {
        return runNow(module, full ? RunRequest.full(trigger) : RunRequest.of(trigger));
    }

    /** Opens a run as requested and carries it out in the caller's thread. */
    public RunSummary runNow(SyncModule module, RunRequest request) {
        RunProgress progress = runs.open(module, request);
        if (!unrouted(progress)) {
            Exchange exchange = new DefaultExchange(camel);
            runs.attach(exchange, progress);
            producer.send(runEndpoint(module), exchange);
        }
        return runs.summary(progress.runId());
    }

    /**
     * A run that cannot be handed to its route (its routes were not loaded) fails at once with the
     * reason, instead of staying RUNNING with nothing carrying it.
     */
    private boolean unrouted(RunProgress progress) {
        String routeId = progress.module().id() + "-run";
        if (camel.getRoute(routeId) != null) {
            return false;
        }
        progress.fail(new IllegalStateException("no route " + routeId + " is loaded to carry the run"
                + " (camel.main.routes-include-pattern; see the start-up log)"));
        runs.close(progress);
        return true;
    }

    public static String runEndpoint(SyncModule module) {
        return "direct:" + module.id() + "-run";
    }
}
