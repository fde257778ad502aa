package io.crminventorysync.sync;

import java.time.Instant;
import java.util.List;

/**
 * What an operator sees of one module: its settings (with the shared pause flag), the run in
 * progress anywhere in the cluster, the last finished run and the next scheduled fire, and what
 * an operator should know about its configuration ({@code warnings}, e.g. an unusable stored cron).
 */
public record ModuleState(
        SyncModule module,
        boolean enabled,
        ModuleSettings settings,
        boolean paused,
        String pausedReason,
        Long runningRunId,
        String runningOnNode,
        RunSummary lastRun,
        Instant nextRunAt,
        List<String> warnings) {
}
