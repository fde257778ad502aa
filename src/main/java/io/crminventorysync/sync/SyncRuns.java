package io.crminventorysync.sync;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.mapping.MappingVersions;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.net.InetAddress;
import java.time.Instant;
import jakarta.annotation.PostConstruct;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens and closes runs: the cluster-wide claim, the history row, the settings snapshot, the read
 * cursor, the MDC of the log lines, and the counters. Called by name from the routes.
 */
@Component("syncRuns")
public class SyncRuns {

    private static final Logger log = LoggerFactory.getLogger(SyncRuns.class);

    private final ModuleSettingsStore settings;
    private final RunStore runs;
    private final CursorStore cursors;
    private final ModuleLock lock;
    private final SyncProperties properties;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final String node;
    private final Map<Long, RunProgress> active = new ConcurrentHashMap<>();

    /** The reason a run stopped on a spent daily API budget starts its message with. */
    public static final String DAILY_LIMIT = "DAILY_LIMIT";
    private final Rereads rereads;

    private final MappingVersions mappings;

    public SyncRuns(ModuleSettingsStore settings, RunStore runs, CursorStore cursors, ModuleLock lock,
            SyncProperties properties, TransactionTemplate tx, ApplicationEventPublisher events, Rereads rereads,
            MappingVersions mappings) {
        this.mappings = mappings;
        this.rereads = rereads;
        this.settings = settings;
        this.runs = runs;
        this.cursors = cursors;
        this.lock = lock;
        this.properties = properties;
        this.tx = tx;
        this.events = events;
        this.node = properties.getNodeName() != null && !properties.getNodeName().isBlank()
                ? properties.getNodeName() : hostName();
    }

    public String node() {
        return node;
    }

    /**
     * Opens a run: refused when the module is paused or already running anywhere. The claim and
     * the history row are written in one transaction, so a refused run leaves no trace.
     */
    public RunProgress open(SyncModule module, Trigger trigger) {
        return open(module, RunRequest.of(trigger));
    }

    /**
     * Opens a run as requested: a full pass (both sides read whole, vanished and drifted pairs
     * repaired), a preview, a retry limited to named records, or a normal run.
     */
    public RunProgress open(SyncModule module, RunRequest request) {
        Trigger trigger = request.trigger();
        boolean full = request.full();
        ModuleSettings snapshot = settings.get(module);
        if (snapshot.paused()) {
            throw new RunRefusedException(RunRefusedException.Reason.PAUSED,
                    "module " + module + " is paused" + (snapshot.pausedReason() == null ? "" : ": " + snapshot.pausedReason()),
                    null);
        }
        Instant startedAt = Db.now();
        RunProgress progress = tx.execute(status -> {
            long runId = runs.open(module, request, node, startedAt);
            Optional<ModuleLock.Holder> holder = lock.tryClaim(module, runId, node,
                    dead -> abandoned(dead, "node stopped sending heartbeats; run taken over by " + node));
            if (holder.isPresent()) {
                status.setRollbackOnly();
                throw new RunRefusedException(RunRefusedException.Reason.IN_PROGRESS,
                        "a run of " + module + " is in progress (run " + holder.get().runId() + " on "
                                + holder.get().node() + ")", holder.get().runId());
            }
            return new RunProgress(runId, module, request, snapshot, startedAt,
                    full ? null : since(module, Flow.PULL, snapshot), full ? null : since(module, Flow.PUSH, snapshot));
        });
        // the run is this module's only one in the cluster now: the mapping saved last (on any node) takes over here
        try {
            mappings.refresh(module.id());
        } catch (RuntimeException e) {
            log.warn("Run {} of {}: stored mapping versions not read ({}); the mapping in force stays", progress.runId(),
                    module, e.getMessage());
        }
        active.put(progress.runId(), progress);
        log.info("Run {} of {} opened ({}; {}{})", progress.runId(), module, trigger, full ? "full pass"
                : request.scoped() ? "the named records only" : progress.pullSince() == null ? "full read"
                : "changes since " + progress.pullSince(), request.dryRun() ? "; a preview: nothing is written" : "");
        return progress;
    }

    /**
     * Every run but a full pass reads changes since the flow's cursor (the last good run's start), less
     * the overlap; the first run, and the first after a settings change (a new view or side changes
     * which records belong), read everything. The idempotent repository makes re-reading unchanged
     * records cost no write; on the push side the bindings' fingerprints and Inventory modified times
     * do the same. Each flow has its own cursor.
     */
    private Instant since(SyncModule module, Flow flow, ModuleSettings snapshot) {
        Optional<Instant> cursor = cursors.get(module, flow);
        if (cursor.isEmpty() || snapshot.updatedAt().isAfter(cursor.get())) {
            return null;
        }
        return cursor.get().minus(properties.getCursorOverlap());
    }

    /** Puts a run on an exchange: the object, its id, and what the routes choose on. */
    public void attach(Exchange exchange, RunProgress progress) {
        exchange.setProperty(SyncExchange.RUN, progress);
        exchange.setProperty(SyncExchange.RUN_ID, progress.runId());
        exchange.setProperty(SyncExchange.DIRECTION, progress.settings().direction().name());
        if (progress.settings().crmSide() != null) {
            exchange.setProperty(SyncExchange.SIDE, progress.settings().crmSide().name());
        }
    }

    /**
     * The run in progress on this node with this id. The routes' interceptor (routes/sync-errors.xml)
     * puts it back on exchanges that carry only the id, such as the account groups that come out of
     * the aggregation repository.
     */
    public RunProgress progress(Long runId) {
        RunProgress p = runId == null ? null : active.get(runId);
        if (p == null) {
            throw new IllegalStateException("no run " + runId + " in progress on this node");
        }
        return p;
    }

    /** A run in progress on this node with its live counters; empty on any other node or once closed. */
    public java.util.Optional<RunProgress> live(long runId) {
        return java.util.Optional.ofNullable(active.get(runId));
    }

    /** Every step of a run: the module and run id go into the MDC of the thread that carries it. */
    public void enter(@ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        MDC.put("module", run.module().id());
        MDC.put("runId", String.valueOf(run.runId()));
    }

    public RunSummary summary(long runId) {
        return runs.get(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
    }

    /**
     * The error channel's verdict on a failure no other record could escape (credentials refused,
     * permission missing): the run stops reading and handles no further record.
     */
    public void abort(@ExchangeProperty(SyncExchange.RUN) RunProgress run,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        if (run.failure() == null && SyncErrors.isDailyLimit(failure)) {
            log.warn("Run {} of {} stops: {}", run.runId(), run.module(), SyncErrors.reasonOf(failure));
        } else if (run.failure() == null) {
            log.error("Run {} of {} stops: {}", run.runId(), run.module(), failure == null ? "aborted" : SyncErrors.reasonOf(failure));
        }
        run.fail(failure == null ? new IllegalStateException("run aborted") : failure);
    }

    /** True once the run was aborted: the routes handle no further record. */
    public boolean isStopped(@ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        return run.failure() != null;
    }

    /** False once the run was aborted: a run route starts no further stage. */
    public boolean isGoingOn(@ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        return run.failure() == null;
    }

    /**
     * The run route's catch: a failure that stopped the whole run (the CRM could not be read, the
     * credentials were refused). Failures of single records never get here: the error channel
     * handles them where they happen.
     */
    public void failed(@ExchangeProperty(SyncExchange.RUN) RunProgress run,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        run.fail(failure);
    }

    /**
     * Closes the run: the status from its failures, the cursor advanced only when every record it
     * read was handled (otherwise the next run re-reads them), the claim released.
     */
    public void close(@ExchangeProperty(SyncExchange.RUN) RunProgress p) {
        Throwable failure = p.failure();
        RunSummary closed = null;
        try {
            RunStatus status;
            String message;
            if (failure != null && SyncErrors.isDailyLimit(failure)) {
                // a spent daily budget: what was done is kept, the records read and not handled are
                // skipped, and the cursors stay where they were, so the next runs carry on from here
                status = RunStatus.PARTIAL;
                for (Flow flow : Flow.values()) {
                    p.add(flow, Count.SKIPPED, p.unaccounted(flow));
                }
                message = DAILY_LIMIT + ": " + SyncErrors.reasonOf(failure) + ". The run stopped; the next runs carry on"
                        + " from where it stopped.";
                log.warn("Run {} of {} stopped: {}", p.runId(), p.module(), SyncErrors.reasonOf(failure));
            } else if (failure != null) {
                status = RunStatus.FAILED;
                message = "run failed: " + SyncErrors.reasonOf(failure);
                log.error("Run {} of {} failed: {}", p.runId(), p.module(), SyncErrors.reasonOf(failure));
            } else if (p.anyFailed()) {
                status = RunStatus.PARTIAL;
                message = p.get(Flow.PULL, Count.FAILED) + " pull and " + p.get(Flow.PUSH, Count.FAILED)
                        + " push records failed; they are retried on the next run";
            } else {
                status = RunStatus.SUCCEEDED;
                message = null;
            }
            if (status == RunStatus.SUCCEEDED && p.movesCursors()) {
                cursors.set(p.module(), Flow.PULL, p.startedAt());
                rereads.done(p.runId(), p.module());
                if (p.settings().twoWay()) {
                    // The push of this run read everything Inventory changed before it started.
                    cursors.set(p.module(), Flow.PUSH, p.startedAt());
                }
            }
            rereads.forget(p.runId());
            runs.close(p, status, message, Db.now());
            log.info("Run {} of {} closed {}: pull {} push {}", p.runId(), p.module(), status,
                    p.counts(Flow.PULL), p.counts(Flow.PUSH));
            closed = runs.get(p.runId()).orElse(null);
            if (status == RunStatus.SUCCEEDED && p.trigger() == Trigger.NOTIFICATION) {
                // many small runs, one entry of the history: the last 50 entries stay readable
                Long into = tx.execute(s -> runs.fold(p, properties.getNotifications().getHistoryWindow()));
                if (into != null) {
                    log.debug("Run {} of {} folded into notification run {}", p.runId(), p.module(), into);
                }
            }
        } finally {
            lock.release(p.module(), p.runId());
            active.remove(p.runId());
            MDC.remove("module");
            MDC.remove("runId");
        }
        if (closed != null) {
            events.publishEvent(new RunClosedEvent(closed));
        }
    }

    /**
     * At start-up, before any run: the runs this node's history says are still going belonged to its
     * previous process (node names are unique in a cluster), which is gone, so they end FAILED with
     * "node restarted" and their claims are released at once, instead of refusing every sync of
     * their modules until {@code sync.run-lock-timeout} passes. Their cursors stay where they were:
     * the next run reads what they read again. Other nodes' runs still wait for the timeout.
     */
    @PostConstruct
    void closeRunsOfThePreviousProcess() {
        List<Long> stale = runs.runningOn(node);
        for (Long runId : stale) {
            abandoned(runId, "node restarted: run " + runId + " ended with the process of " + node + " that ran it");
        }
        int released = lock.releaseAll(node);
        if (!stale.isEmpty() || released > 0) {
            log.warn("Node {} restarted: {} run(s) of its previous process closed FAILED, {} claim(s) released",
                    node, stale.size(), released);
        }
    }

    /** A run whose process is gone, marked FAILED and announced as closed (alerts hear of it). */
    private void abandoned(long runId, String reason) {
        if (runs.abandon(runId, reason)) {
            runs.get(runId).ifPresent(closed -> events.publishEvent(new RunClosedEvent(closed)));
        }
    }

    /** Keeps this node's claims alive and the progress counts visible while runs go on. */
    @Scheduled(fixedDelayString = "${sync.run-heartbeat-interval:15s}")
    public void heartbeat() {
        for (RunProgress p : active.values()) {
            lock.heartbeat(p.module(), p.runId());
            runs.saveCounts(p);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "node-" + ProcessHandle.current().pid();
        }
    }
}
