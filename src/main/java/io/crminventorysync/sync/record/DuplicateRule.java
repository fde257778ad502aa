package io.crminventorysync.sync.record;

import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import java.util.Optional;

/**
 * The duplicate policy, one rule for both flows: what happens to an unbound record whose key the
 * other side already has. CLONE makes a second record under a documented name; OVERWRITE takes
 * the existing record over, unless it is already bound to another record (never stolen); SKIP,
 * and OVERWRITE of a bound match, leave both alone and say so in the run's history.
 */
public final class DuplicateRule {

    /** What to do with one duplicate. */
    public enum Action { CLONE, OVERWRITE, SKIP }

    private DuplicateRule() {
    }

    /**
     * @param owner the id of the record (on the writing side) the match is already bound to, if any
     */
    public static Action decide(DuplicatePolicy policy, Optional<String> owner) {
        return switch (policy) {
            case CLONE -> Action.CLONE;
            case OVERWRITE -> owner.isEmpty() ? Action.OVERWRITE : Action.SKIP;
            case SKIP -> Action.SKIP;
        };
    }

    /**
     * The history's words for a skipped duplicate, e.g. "Inventory contact 'Zylker Traders' (4600...)
     * already exists; skipped (duplicate policy SKIP)".
     *
     * @param existing what the match is, e.g. "Inventory contact" or "CRM Accounts"
     * @param ownerSide the side the owner lives on, e.g. "CRM record" or "Inventory record"
     */
    public static String skipReason(String existing, String key, String existingId, Optional<String> owner,
            String ownerSide, DuplicatePolicy policy) {
        String what = existing + " '" + key + "' (" + existingId + ")";
        return owner.isPresent()
                ? what + " is already bound to " + ownerSide + " " + owner.get() + "; not overwritten (duplicate policy " + policy + ")"
                : what + " already exists; skipped (duplicate policy SKIP)";
    }

    /**
     * The documented name of a clone: the original name, a space, and the other side's id in
     * parentheses, shortened so the whole fits the target's length: "Aztec Technologies (4150868000000376008)".
     * Deterministic, so a re-run finds the clone it made instead of making another.
     */
    public static String cloneName(String name, String sourceId, int maxLength) {
        String suffix = " (" + sourceId + ")";
        String base = name == null ? "" : name;
        if (base.length() + suffix.length() > maxLength) {
            base = base.substring(0, Math.max(0, maxLength - suffix.length()));
        }
        return base + suffix;
    }

    /** A clone's secondary key (SKU): unique in Inventory, so it carries the CRM id: "AZ-100-4150868000000376008". */
    public static String cloneSecondaryKey(String key, String sourceId) {
        return key + "-" + sourceId;
    }
}
