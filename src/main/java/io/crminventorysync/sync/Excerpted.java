package io.crminventorysync.sync;

/**
 * A body that knows what part of it the history shows when it fails (the mapped values of a record,
 * not the whole object), so the error channel can store an excerpt without knowing the flows' types.
 */
public interface Excerpted {

    /** What the history's excerpt shows: a map or a list, written as JSON. */
    Object shown();

    /** How many records read fail with this body (a new customer carries its contacts): the failed count. */
    default int records() {
        return 1;
    }
}
