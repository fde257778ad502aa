package io.crminventorysync.sync;

import com.fasterxml.jackson.annotation.JsonProperty;
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
     * Why a run that did not succeed stopped, as a code to branch on: {@code DAILY_LIMIT} when a daily
     * API budget was spent (the run is PARTIAL and the next runs carry on); null otherwise.
     */
    @JsonProperty("reason")
    public String reason() {
        return message != null && message.startsWith(SyncRuns.DAILY_LIMIT + ":") ? SyncRuns.DAILY_LIMIT : null;
    }

    /**
     * What became of the records one flow read: read = created + updated + unchanged + skipped +
     * failed + notCopied (README, "Counts").
     */
    public record Counts(int read, int created, int updated, int unchanged, int skipped, int failed, int notCopied) {
    }
}
