package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.time.Instant;

/** One run as stored in the sync history. */
public record RunSummary(
        long id,
        SyncModule module,
        Trigger trigger,
        RunStatus status,
        boolean fullPass,
        boolean dryRun,
        String node,
        Instant startedAt,
        Instant endedAt,
        Counts pull,
        Counts push,
        int pullErrorCount,
        int pushErrorCount,
        int conflictCount,
        String message) {

    /**
     * What became of the records one flow read: read = created + updated + unchanged + skipped +
     * failed + notCopied (README, "Counts").
     */
    public record Counts(int read, int created, int updated, int unchanged, int skipped, int failed, int notCopied) {
    }
}
