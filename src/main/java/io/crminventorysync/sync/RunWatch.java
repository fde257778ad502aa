package io.crminventorysync.sync;

import io.crminventorysync.http.ApiBudget;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A run as it goes, for the console's progress bar: records read and written so far, the rate, and
 * an estimate of the time the records already read still need at the shared Inventory budget. The
 * counts are live when the run is on this node, else as its node's last heartbeat saved them.
 */
@Component
public class RunWatch {

    private final SyncRuns runs;
    private final RunStore store;
    private final ApiBudget budget;

    public RunWatch(SyncRuns runs, RunStore store, ApiBudget budget) {
        this.runs = runs;
        this.store = store;
        this.budget = budget;
    }

    /**
     * One look at a run.
     *
     * @param read records read so far (both flows)
     * @param written records created or updated so far
     * @param handled records finished in any way (written, unchanged, skipped, failed, not copied)
     * @param perSecond records handled a second since the run started
     * @param secondsLeft for the records read and not yet handled, at the slower of the rate seen and
     *        the Inventory budget (one write a record); null when nothing is waiting or the rate is unknown
     */
    public record Look(RunSummary run, boolean done, int read, int written, int handled, double perSecond,
            Long secondsLeft, int requestsPerMinute) {

        /** How far, in percent: 100 once the run ended; while it goes, the share of what was read that is handled. */
        public int percent() {
            if (done) {
                return 100;
            }
            return read == 0 ? 0 : Math.min(99, (int) (100L * handled / read));
        }
    }

    public Optional<Look> look(long runId) {
        Optional<RunSummary> stored = store.get(runId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        RunSummary run = stored.get();
        boolean done = run.status() != RunStatus.RUNNING;
        RunSummary.Counts pull = run.pull();
        RunSummary.Counts push = run.push();
        Optional<RunProgress> live = done ? Optional.empty() : runs.live(runId);
        if (live.isPresent()) {
            pull = live.get().counts(Flow.PULL);
            push = live.get().counts(Flow.PUSH);
        }
        int read = pull.read() + push.read();
        int written = pull.created() + pull.updated() + push.created() + push.updated();
        int handled = handled(pull) + handled(push);
        Instant end = done && run.endedAt() != null ? run.endedAt() : Instant.now();
        double seconds = Math.max(0.001, Duration.between(run.startedAt(), end).toMillis() / 1000.0);
        double perSecond = handled / seconds;
        int perMinute = budget.snapshot().inventory().requestsPerMinute();
        Long left = null;
        int waiting = read - handled;
        if (!done && waiting > 0) {
            double pace = Math.min(perSecond > 0 ? perSecond : Double.MAX_VALUE, perMinute / 60.0);
            left = pace == Double.MAX_VALUE ? null : (long) Math.ceil(waiting / pace);
        }
        return Optional.of(new Look(run, done, read, written, handled, perSecond, left, perMinute));
    }

    private static int handled(RunSummary.Counts c) {
        return c.created() + c.updated() + c.unchanged() + c.skipped() + c.failed() + c.notCopied();
    }
}
