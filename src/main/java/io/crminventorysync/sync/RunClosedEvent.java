package io.crminventorysync.sync;

/**
 * Published (Spring application event) once a run is closed and stored: its summary as the history
 * shows it. Listeners must not block or fail the run's thread: the run is already over.
 */
public record RunClosedEvent(RunSummary run) {
}
