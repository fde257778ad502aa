package io.crminventorysync.sync;

import java.time.Instant;

/**
 * What an operator sees of one module: its settings (with the shared pause flag), the run in
 * progress anywhere in the cluster, the last finished run and the next scheduled fire.
 */
public record ModuleState(
        String module,
        boolean enabled,
        ModuleSettings settings,
        boolean paused,
        String pausedReason,
        Long runningRunId,
        String runningOnNode,
        RunSummary lastRun,
        Instant nextRunAt) {
}
