package io.crminventorysync.sync;

/** A run could not start: the module is paused, or a run of it is in progress somewhere in the cluster. */
public class RunRefusedException extends RuntimeException {

    public enum Reason { PAUSED, IN_PROGRESS }

    private final Reason reason;
    private final Long runningRunId;

    public RunRefusedException(Reason reason, String message, Long runningRunId) {
        super(message);
        this.reason = reason;
        this.runningRunId = runningRunId;
    }

    public Reason reason() {
        return reason;
    }

    /** The run in progress when the reason is {@link Reason#IN_PROGRESS}. */
    public Long runningRunId() {
        return runningRunId;
    }
}
