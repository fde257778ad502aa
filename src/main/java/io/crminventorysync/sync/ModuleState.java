package io.crminventorysync.sync;

import java.time.Instant;
import java.util.List;

/**
 * What an operator sees of one module: its settings (with the shared pause flag), the run in
 * progress anywhere in the cluster, the last finished run and the next scheduled fire, and what
 * an operator should know about its configuration ({@code warnings}, e.g. an unusable stored cron),
 * and the Zoho API budget the modules share ({@code apiBudget}: Inventory's calls a minute and in the
 * last 24 hours against the daily limit, CRM's remaining credits), the same for every module.
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
        List<String> warnings,
        io.crminventorysync.http.ApiBudget.Snapshot apiBudget) {
}
