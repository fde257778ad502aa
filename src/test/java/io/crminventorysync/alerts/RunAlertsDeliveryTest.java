package io.crminventorysync.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.sync.RunClosedEvent;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery rules, on channels this test controls: bounded retries, no retry of what a retry
 * cannot mend, a bounded number of runs in hand, and a listener that never waits for a channel.
 * (Whole runs against a real receiver and a real SMTP server: {@link RunAlertsTest}.)
 */
class RunAlertsDeliveryTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private RunAlerts alerts;

    /** A channel whose every send is one of the given outcomes in turn (the last one repeats). */
    private static final class ScriptedChannel implements AlertChannel {
        final List<Long> sentRuns = new CopyOnWriteArrayList<>();
        final List<Long> tries = new CopyOnWriteArrayList<>();
        final CountDownLatch gate;
        final AlertChannel.DeliveryFailure[] failures;

        ScriptedChannel(CountDownLatch gate, AlertChannel.DeliveryFailure... failures) {
            this.gate = gate;
            this.failures = failures;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String destination() {
            return "test";
        }

        @Override
        public void send(Alert alert) throws DeliveryFailure {
            int attempt = tries.size();
            tries.add(alert.run().id());
            if (gate != null) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failures.length > 0) {
                DeliveryFailure f = failures[Math.min(attempt, failures.length - 1)];
                if (f != null) {
                    throw f;
                }
            }
            sentRuns.add(alert.run().id());
        }
    }

    private RunAlerts start(AlertChannel channel, int maxAttempts, int queueCapacity) {
        AlertProperties settings = new AlertProperties();
        settings.setMaxAttempts(maxAttempts);
        settings.setBackoff(Duration.ofMillis(10));
        settings.setQueueCapacity(queueCapacity);
        // problem alerts never read the history, so no store is needed here
        alerts = new RunAlerts(List.of(channel), null, settings, meters);
        return alerts;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (alerts != null) {
            alerts.destroy();
        }
    }

    private static RunClosedEvent partial(long runId) {
        RunSummary.Counts counts = new RunSummary.Counts(3, 1, 0, 1, 0, 1, 0);
        return new RunClosedEvent(new RunSummary(runId, SyncModule.VENDORS, Trigger.SCHEDULE, RunStatus.PARTIAL, false, false, "node-a",
                Instant.now(), Instant.now(), counts, new RunSummary.Counts(0, 0, 0, 0, 0, 0, 0), 1, 0, 0, "1 pull and 0 push records failed"));
    }

    private double count(String outcome) {
        var counter = meters.find("sync.alerts").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double pending() {
        return meters.get("sync.alerts.pending").gauge().value();
    }

    @Test
    void aReceiverThatKeepsFailingIsTriedMaxAttemptsTimesThenGivenUp() {
        ScriptedChannel channel = new ScriptedChannel(null, new AlertChannel.DeliveryFailure("HTTP 502", true));
        start(channel, 3, 10).onRunClosed(partial(1));

        await(() -> pending() == 0);
        assertThat(channel.tries).containsExactly(1L, 1L, 1L);
        assertThat(channel.sentRuns).isEmpty();
        assertThat(count("retried")).isEqualTo(2);
        assertThat(count("failed")).isEqualTo(1);
    }

    @Test
    void aRefusalThatARetryCannotMendIsNotRetried() {
        ScriptedChannel channel = new ScriptedChannel(null, new AlertChannel.DeliveryFailure("HTTP 404", false));
        start(channel, 4, 10).onRunClosed(partial(1));

        await(() -> pending() == 0);
        assertThat(channel.tries).containsExactly(1L);
        assertThat(count("failed")).isEqualTo(1);
    }

    @Test
    void aFailureThenASuccessSendsTheAlertOnce() {
        ScriptedChannel channel = new ScriptedChannel(null, new AlertChannel.DeliveryFailure("timed out", true), null);
        start(channel, 4, 10).onRunClosed(partial(5));

        await(() -> pending() == 0);
        assertThat(channel.tries).containsExactly(5L, 5L);
        assertThat(channel.sentRuns).containsExactly(5L);
        assertThat(count("sent")).isEqualTo(1);
    }

    @Test
    void theListenerReturnsAtOnceWhileAChannelHangsAndRunsBeyondTheQueueAreDropped() {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedChannel channel = new ScriptedChannel(gate);
        RunAlerts alerts = start(channel, 3, 2);

        long started = System.nanoTime();
        alerts.onRunClosed(partial(1));
        alerts.onRunClosed(partial(2));
        alerts.onRunClosed(partial(3));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("three closed runs handed over while the channel hangs").isLessThan(Duration.ofSeconds(1));
        assertThat(pending()).isEqualTo(2);
        assertThat(count("dropped")).isEqualTo(1);
        gate.countDown();
        await(() -> pending() == 0);
        assertThat(channel.sentRuns).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void aChannelsUnexpectedFailureStaysInTheAlertThread() {
        AlertChannel broken = new AlertChannel() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String destination() {
                return "test";
            }

            @Override
            public void send(Alert alert) {
                throw new IllegalStateException("bug");
            }
        };
        start(broken, 3, 10).onRunClosed(partial(1));

        await(() -> pending() == 0);
        assertThat(count("failed")).isEqualTo(1);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
