package io.crminventorysync.alerts;

import io.crminventorysync.sync.RunClosedEvent;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;

/**
 * Hears every closed run and alerts the operator through each configured channel: one alert for a
 * run that ended PARTIAL or FAILED, one for the clean run that follows such a run.
 *
 * <p>The run is over when its {@link RunClosedEvent} arrives, and nothing here may hold or fail
 * it: the listener only hands the run to this class's own threads and returns. Whether an alert
 * is due (which for a clean run means reading the module's previous run), the sends, and the
 * retries with their backoff all happen there. Retries wait in the executor's delay queue, not in
 * a sleeping thread, so a dead receiver costs a thread for one timeout per try and never more.
 * At most {@code sync.alerts.queue-capacity} runs' alerts are in hand at once; past that, a run's
 * alert is dropped with a warning rather than pile up in memory.
 *
 * <p>In a cluster each run is closed by exactly one node, the node that sends its alert, so each
 * alert is sent once. Alerts in hand live in memory: a node that stops loses them (logged).
 */
public class RunAlerts implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunAlerts.class);

    /** Two, so that one receiver that hangs until its timeout does not hold the other channel up. */
    private static final int THREADS = 2;

    /** How far back the history is read to find a module's run before a clean one. */
    private static final int LOOKBACK = 10;

    /** A receiver's Retry-After is honoured up to this long. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final List<AlertChannel> channels;
    private final RunStore runs;
    private final AlertProperties settings;
    private final MeterRegistry meters;
    private final ScheduledThreadPoolExecutor executor;
    /** Runs whose alerts are being decided, sent or retried. */
    private final AtomicInteger inHand = new AtomicInteger();

    RunAlerts(List<AlertChannel> channels, RunStore runs, AlertProperties settings, MeterRegistry meters) {
        this.channels = List.copyOf(channels);
        this.runs = runs;
        this.settings = settings;
        this.meters = meters;
        AtomicInteger threadNo = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(THREADS, task -> {
            Thread t = new Thread(task, "sync-alerts-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // on shutdown, a retry still waiting is not worth holding the stop for
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        Gauge.builder("sync.alerts.pending", inHand, AtomicInteger::get)
                .description("Runs whose alerts are being sent or wait for a retry")
                .register(meters);
    }

    /** Called on the thread that closed the run: hands the run over and returns at once. */
    @EventListener
    public void onRunClosed(RunClosedEvent event) {
        if (channels.isEmpty()) {
            return;
        }
        RunSummary run = event.run();
        boolean taken = false;
        try {
            if (inHand.incrementAndGet() > settings.getQueueCapacity()) {
                inHand.decrementAndGet();
                channels.forEach(c -> count(c, "dropped"));
                log.warn("Alert check of {} run {} ({}) dropped: the alerts of {} runs are already waiting"
                        + " (sync.alerts.queue-capacity)", run.module(), run.id(), run.status(), settings.getQueueCapacity());
                return;
            }
            taken = true;
            executor.execute(() -> consider(run));
        } catch (RuntimeException e) {
            // the run is closed and stored; whatever went wrong here must not be reported as its failure
            if (taken) {
                inHand.decrementAndGet();
            }
            log.warn("Alert check of {} run {} ({}) not done: {}", run.module(), run.id(), run.status(),
                    e instanceof RejectedExecutionException ? "the service is stopping" : e.toString());
        }
    }

    private void consider(RunSummary run) {
        enter(run);
        Optional<Alert> alert;
        try {
            // a preview writes nothing and an unlink only forgets a pair: neither is news
            alert = writes(run) ? Alert.problem(run) : Optional.empty();
            if (alert.isEmpty() && run.status() == RunStatus.SUCCEEDED && wholeModule(run)) {
                alert = Alert.recovery(run, previous(run));
            }
        } catch (RuntimeException e) {
            log.warn("Alert check of {} run {} failed: {}", run.module(), run.id(), e.toString());
            alert = Optional.empty();
        } finally {
            leave();
        }
        if (alert.isEmpty()) {
            inHand.decrementAndGet();
            return;
        }
        Delivery delivery = new Delivery(alert.get());
        // each channel on its own task: a receiver that hangs does not hold the other channel's first try
        for (AlertChannel channel : channels) {
            try {
                executor.execute(() -> attempt(delivery, channel, 1));
            } catch (RejectedExecutionException stopping) {
                log.warn("Alert of {} run {} by {} not sent: the service is stopping", run.module(), run.id(), channel.name());
                delivery.channelDone();
            }
        }
    }

    /**
     * The module's run before this one that ran the whole module (newest first in the history; a later
     * run may already exist): a retry of a few records, a preview or an unlink says nothing of the rest.
     */
    private RunSummary previous(RunSummary run) {
        return runs.history(run.module(), LOOKBACK).stream().filter(r -> r.id() < run.id() && wholeModule(r))
                .findFirst().orElse(null);
    }

    /** A run that writes: not a preview, not an unlink. */
    static boolean writes(RunSummary run) {
        return run.trigger() != Trigger.PREVIEW && run.trigger() != Trigger.UNLINK;
    }

    /** A run of the whole module (schedule, instant, saved settings, start-up, full pass): its success is a recovery. */
    static boolean wholeModule(RunSummary run) {
        return writes(run) && run.trigger() != Trigger.RETRY;
    }

    private void attempt(Delivery delivery, AlertChannel channel, int attempt) {
        RunSummary run = delivery.alert().run();
        enter(run);
        try {
            channel.send(delivery.alert());
            count(channel, "sent");
            log.info("Alert \"{}\" sent by {} to {}{}", delivery.alert().text(), channel.name(), channel.destination(),
                    attempt == 1 ? "" : " (try " + attempt + ")");
            delivery.channelDone();
        } catch (AlertChannel.DeliveryFailure failure) {
            retryOrGiveUp(delivery, channel, attempt, failure);
        } catch (RuntimeException e) {
            // a channel's own failures come as DeliveryFailure; this is a bug, and its message may
            // not be safe to log (a webhook URL), so only its type is
            count(channel, "failed");
            log.error("Alert of {} run {} by {} to {} failed unexpectedly ({}); not retried", run.module(), run.id(),
                    channel.name(), channel.destination(), e.getClass().getName());
            delivery.channelDone();
        } finally {
            leave();
        }
    }

    private void retryOrGiveUp(Delivery delivery, AlertChannel channel, int attempt, AlertChannel.DeliveryFailure failure) {
        RunSummary run = delivery.alert().run();
        if (failure.retryable() && attempt < settings.getMaxAttempts()) {
            Duration wait = backoff(attempt, failure.retryAfter());
            try {
                executor.schedule(() -> attempt(delivery, channel, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
                count(channel, "retried");
                log.warn("Alert of {} run {} by {} to {} failed (try {} of {}): {}; next try in {}", run.module(), run.id(),
                        channel.name(), channel.destination(), attempt, settings.getMaxAttempts(), failure.getMessage(), readable(wait));
                return;
            } catch (RejectedExecutionException stopping) {
                log.error("Alert of {} run {} by {} to {} failed (try {}): {}; not retried: the service is stopping",
                        run.module(), run.id(), channel.name(), channel.destination(), attempt, failure.getMessage());
            }
        } else {
            log.error("Alert of {} run {} by {} to {} given up after {} {}: {}", run.module(), run.id(), channel.name(),
                    channel.destination(), attempt, attempt == 1 ? "try" : "tries", failure.getMessage());
        }
        count(channel, "failed");
        delivery.channelDone();
    }

    /** The backoff doubles with each try; a receiver that says how long to wait is heeded, within reason. */
    private Duration backoff(int attempt, Duration retryAfter) {
        Duration wait = settings.getBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        return wait;
    }

    private static String readable(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private void count(AlertChannel channel, String outcome) {
        Counter.builder("sync.alerts").description("Alerts by channel and outcome (sent, retried, failed, dropped)")
                .tag("channel", channel.name()).tag("outcome", outcome).register(meters).increment();
    }

    private static void enter(RunSummary run) {
        MDC.put("module", run.module().id());
        MDC.put("runId", String.valueOf(run.id()));
    }

    private static void leave() {
        MDC.remove("module");
        MDC.remove("runId");
    }

    /** Waits for the sends in progress (each bounded by the timeout); alerts still waiting for a retry are lost, and said so. */
    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(settings.getTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
            executor.shutdownNow();
        }
        int lost = inHand.get();
        if (lost > 0) {
            log.warn("The alerts of {} runs were not sent: the service stopped before they got through", lost);
        }
    }

    /** One alert on its way through every channel; the run leaves our hands when each channel is done with it. */
    private final class Delivery {
        private final Alert alert;
        private final AtomicInteger channelsLeft = new AtomicInteger(channels.size());

        Delivery(Alert alert) {
            this.alert = alert;
        }

        Alert alert() {
            return alert;
        }

        void channelDone() {
            if (channelsLeft.decrementAndGet() == 0) {
                inHand.decrementAndGet();
            }
        }
    }
}
