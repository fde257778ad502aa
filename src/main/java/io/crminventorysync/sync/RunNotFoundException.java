package io.crminventorysync.sync;

/** No run with that id in the history (never existed, or pruned beyond the last 50 of its module). */
public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(long runId) {
        super("no run " + runId + " in the sync history");
    }
}
