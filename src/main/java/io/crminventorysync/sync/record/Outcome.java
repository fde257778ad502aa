package io.crminventorysync.sync.record;

/** What became of one record in a run, as counted in its summary. */
public enum Outcome {
    /** Written as a new record on the other side (a new customer's inline persons count with it). */
    CREATED,
    /** An existing record on the other side was written. */
    UPDATED,
    /** Nothing to write: the other side already holds these values. */
    UNCHANGED,
    /** An unbound record whose key the other side has, left alone under the duplicate policy. */
    DUPLICATE_SKIPPED,
    /** A pair whose other record was gone, removed by the delete policy (UNLINK, PROPAGATE): nothing written here. */
    REMOVED
}
