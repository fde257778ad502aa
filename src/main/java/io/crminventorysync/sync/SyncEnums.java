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

    /**
     * What a record deleted on one side does to its counterpart: RECREATE (the master side's record
     * is created again and bound), UNLINK (the binding is dropped, nothing written), PROPAGATE (the
     * counterpart is marked inactive, or deleted where the other side has no inactive state).
     */
    public enum DeletePolicy { RECREATE, UNLINK, PROPAGATE }

    /** Accounts module: which CRM records become Inventory customers. */
    public enum CrmSide { ACCOUNTS_AND_CONTACTS, ACCOUNTS, CONTACTS }

    /**
     * What started a run: STARTUP (sync-on-start), SCHEDULE (the module's cron), INSTANT (Instant
     * Sync), SAVE (Save and Sync), RECONCILE (the weekly full pass), RETRY (failed records retried by
     * an operator), PREVIEW (a dry run), UNLINK (an operator forgot a pair), NOTIFICATION (changes Zoho
     * told us of).
     */
    public enum Trigger { STARTUP, SCHEDULE, INSTANT, SAVE, RECONCILE, RETRY, PREVIEW, UNLINK, NOTIFICATION }

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
        CONFLICT,
        /** A bound record found gone on the other side: its binding was dropped (delete policy UNLINK). */
        UNLINKED,
        /** A bound record found gone on the other side was created again and bound (delete policy RECREATE). */
        RECREATED,
        /** A record deleted (or made inactive) on one side made its counterpart inactive or deleted (PROPAGATE). */
        DELETE_PROPAGATED,
        /** A record another record looks up (a product's vendor) was synced first, in the same run. */
        DEPENDENCY,
        /** A deletion or inactivation the other side has no equivalent for, left as it is (PROPAGATE). */
        NOT_PROPAGATED
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
