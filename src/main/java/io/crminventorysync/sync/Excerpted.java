package io.crminventorysync.sync;

/**
 * A body that knows what part of it the history shows when it fails (the mapped values of a record,
 * not the whole object), so the error channel can store an excerpt without knowing the flows' types.
 */
public interface Excerpted {

    /** What the history's excerpt shows: a map or a list, written as JSON. */
    Object shown();

    /** The record's type, or null. */
    default RecordType type() {
        return null;
    }

    /** The record's name as people know it (an account's name, a person's), or null. */
    default String name() {
        return null;
    }

    /** How many records read fail with this body (a new customer carries its contacts): the failed count. */
    default int records() {
        return 1;
    }
}
