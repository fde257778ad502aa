package io.crminventorysync.sync;

import java.time.Instant;

/**
 * One entry of a run's error list: a record the other side rejected, a mapping failure, a transport
 * failure that outlived its retries, or a notable event of kind {@code DUPLICATE_SKIPPED} or
 * {@code CONFLICT} recorded so that nothing is hidden. A conflict also shows the common base, each
 * side's value and the winner (CRM or INVENTORY).
 */
public record RunError(
        long id,
        long runId,
        SyncModule module,
        ErrorState state,
        SyncEnums.Flow flow,
        SyncEnums.EntryKind kind,
        RecordType recordType,
        String recordId,
        String recordName,
        String field,
        String reason,
        String excerpt,
        String baseValue,
        String crmValue,
        String inventoryValue,
        String winner,
        Instant createdAt,
        String resolvedBy,
        Instant resolvedAt,
        String resolutionNote) {

    /**
     * Where an entry stands in the module's worklist: OPEN until a later run handles the record again
     * (RETRIED: written, or failed anew, which is then a new OPEN entry of that run) or an operator
     * marks it RESOLVED, with who, when and a note.
     */
    public enum ErrorState { OPEN, RETRIED, RESOLVED }
}
