package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import java.io.Serializable;
import java.time.Instant;

/** One module's settings as stored; a run takes a snapshot of them when it opens. */
public record ModuleSettings(
        SyncModule module,
        Direction direction,
        DuplicatePolicy duplicatePolicy,
        ConflictPolicy conflictPolicy,
        DeletePolicy deletePolicy,
        String crmViewId,
        CrmSide crmSide,
        String cron,
        String reconcileCron,
        boolean paused,
        String pausedReason,
        Instant updatedAt) implements Serializable {

    public boolean twoWay() {
        return direction == Direction.TWO_WAY;
    }

    public boolean hasView() {
        return crmViewId != null && !crmViewId.isBlank();
    }
}
