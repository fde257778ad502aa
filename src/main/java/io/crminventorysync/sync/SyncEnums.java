package io.crminventorysync.sync;

/** The closed vocabularies of module settings and runs (see DESIGN.md, "Words we use"). */
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

    /** pull = CRM to Inventory, push = Inventory to CRM. */
    public enum SyncDirection {
        PULL, PUSH;

        public String column() {
            return name().toLowerCase();
        }
    }
}
