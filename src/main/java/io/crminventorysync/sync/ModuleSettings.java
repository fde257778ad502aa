package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import java.io.Serializable;
import java.time.Instant;

/**
 * One module's settings as stored; a run takes a snapshot of them when it opens. {@code enabled} is the
 * product's "Enable module to be synced": a disabled module's schedule does not fire.
 */
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
        Instant updatedAt,
        boolean enabled) implements Serializable {

    /**
     * Settings of an enabled module. {@link ModuleSettingsStore#save} never changes {@code enabled}
     * (that is {@link ModuleSettingsStore#setEnabled}), so callers that only edit the other settings use this.
     */
    public ModuleSettings(SyncModule module, Direction direction, DuplicatePolicy duplicatePolicy,
            ConflictPolicy conflictPolicy, DeletePolicy deletePolicy, String crmViewId, CrmSide crmSide, String cron,
            String reconcileCron, boolean paused, String pausedReason, Instant updatedAt) {
        this(module, direction, duplicatePolicy, conflictPolicy, deletePolicy, crmViewId, crmSide, cron, reconcileCron,
                paused, pausedReason, updatedAt, true);
    }

    public boolean twoWay() {
        return direction == Direction.TWO_WAY;
    }

    public boolean hasView() {
        return crmViewId != null && !crmViewId.isBlank();
    }
}
