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
        String node,
        Instant startedAt,
        Instant endedAt,
        Counts pull,
        Counts push,
        int pullErrorCount,
        int pushErrorCount,
        String message) {

    /** Records read, created, updated, skipped (unchanged or skipped duplicates) and failed in one direction. */
    public record Counts(int read, int created, int updated, int skipped, int failed) {
    }
}
