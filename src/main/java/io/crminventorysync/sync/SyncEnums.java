package io.crminventorysync.sync;

/** The closed vocabularies of module settings and runs (the README's glossary). */
public final class SyncEnums {

    private SyncEnums() {
    }

    /** ONE_WAY: CRM to Inventory only. TWO_WAY: also Inventory changes pushed to CRM. */
    public enum Direction { ONE_WAY, TWO_WAY }

    /** What to do with an unbound record whose key field matches a record on the other side. */
    public enum DuplicatePolicy { CLONE, OVERWRITE, SKIP }

    /** Who wins, field by field, when both sides changed a bound record since the last run. */
    public enum ConflictPolicy { CRM_WINS, INVENTORY_WINS, LATEST_WINS }

    /** Accounts module: which CRM records become Inventory customers. */
    public enum CrmSide { ACCOUNTS_AND_CONTACTS, ACCOUNTS, CONTACTS }

    /** What started a run. */
    public enum Trigger { SCHEDULE, INSTANT, SAVE }

    public enum RunStatus { RUNNING, SUCCEEDED, PARTIAL, FAILED }

    /**
     * What an entry of a run's history is: a record that failed ({@code ERROR}, counted as failed),
     * or a notable event that is not a failure but must not be hidden.
     */
    public enum EntryKind {
        /** A record the other side refused, a mapping failure, a transport failure that outlived its retries. */
        ERROR,
        /** An unbound record whose key the other side already has, left alone under SKIP. */
        DUPLICATE_SKIPPED,
        /** A field both sides changed since the last sync, settled by the conflict policy. */
        CONFLICT
    }

    /**
     * The flow of a step: PULL = CRM to Inventory, PUSH = Inventory to CRM. Not to be confused with a
     * module's {@link Direction} (ONE_WAY or TWO_WAY), which says whether the push runs at all.
     */
    public enum Flow {
        PULL, PUSH;

        public String column() {
            return name().toLowerCase();
        }
    }
}
