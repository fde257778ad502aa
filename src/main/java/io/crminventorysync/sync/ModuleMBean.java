package io.crminventorysync.sync;

/**
 * One module under JMX ({@code io.crminventorysync:context=<camel>,type=modules,name=<module>}),
 * visible in Hawtio and Jolokia. Same rules and effect as the HTTP API: the calls go to
 * {@link ModuleControl}. Refusals surface as {@link IllegalStateException} with the reason, a type
 * every JMX client can read.
 */
public interface ModuleMBean {

    String getModule();

    boolean isPaused();

    String getPausedReason();

    /** The run in progress anywhere in the cluster, or -1. */
    long getRunningRunId();

    /** Status of the last run (RUNNING, SUCCEEDED, PARTIAL, FAILED), or empty before the first. */
    String getLastRunStatus();

    /** Next scheduled fire (ISO-8601), or empty when the schedule is off. */
    String getNextRunAt();

    /** One line for humans: paused or not, running or not, last run, next run. */
    String getState();

    void pause(String reason);

    void resume();

    /** Instant sync: returns the new run's id. */
    long syncNow();
}
