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
        SyncEnums.Flow flow,
        SyncEnums.EntryKind kind,
        String recordId,
        String field,
        String reason,
        String excerpt,
        String baseValue,
        String crmValue,
        String inventoryValue,
        String winner,
        Instant createdAt) {
}
