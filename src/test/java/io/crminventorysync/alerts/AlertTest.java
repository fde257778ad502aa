package io.crminventorysync.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What an alert says about a run: whether there is one at all, its one-line text, its JSON fields. */
class AlertTest {

    private static RunSummary run(long id, SyncModule module, RunStatus status, int pullErrors, int pushErrors, String message) {
        RunSummary.Counts none = new RunSummary.Counts(0, 0, 0, 0, 0, 0, 0);
        return new RunSummary(id, module, Trigger.SCHEDULE, status, false, false, "node-a", Instant.parse("2026-11-29T10:00:00Z"),
                Instant.parse("2026-11-29T10:00:07Z"), new RunSummary.Counts(12, 3, 1, 7, 0, pullErrors, 0),
                pushErrors == 0 ? none : new RunSummary.Counts(5, 0, 2, 1, 0, pushErrors, 0), pullErrors, pushErrors, 0, message);
    }

    @Test
    void aPartialRunWithOnePullErrorReadsAsTheIssueSaysItShould() {
        Alert alert = Alert.problem(run(42, SyncModule.VENDORS, RunStatus.PARTIAL, 1, 0,
                "1 pull and 0 push records failed; they are retried on the next run")).orElseThrow();

        assertThat(alert.text()).isEqualTo("vendors run 42 PARTIAL: 1 pull error");
    }

    @Test
    void errorsOfBothFlowsAreCountedInThePlural() {
        Alert alert = Alert.problem(run(7, SyncModule.PRODUCTS, RunStatus.PARTIAL, 3, 2, "3 pull and 2 push records failed")).orElseThrow();

        assertThat(alert.text()).isEqualTo("products run 7 PARTIAL: 3 pull errors, 2 push errors");
    }

    @Test
    void aFailedRunSaysWhyOnceWithoutRepeatingThatItFailed() {
        Alert alert = Alert.problem(run(9, SyncModule.ACCOUNTS, RunStatus.FAILED, 0, 0,
                "run failed: CRM refused the credentials\n(invalid_code)")).orElseThrow();

        assertThat(alert.text()).isEqualTo("accounts run 9 FAILED: CRM refused the credentials (invalid_code)");
        assertThat(alert.payload()).containsEntry("message", "run failed: CRM refused the credentials\n(invalid_code)");
    }

    @Test
    void aLongMessageIsCutSoTheTextStaysOneReadableLine() {
        Alert alert = Alert.problem(run(9, SyncModule.ACCOUNTS, RunStatus.FAILED, 0, 0, "run failed: " + "x".repeat(1000))).orElseThrow();

        assertThat(alert.text()).hasSize(Alert.MAX_TEXT).endsWith("…").startsWith("accounts run 9 FAILED: xxx");
    }

    @Test
    void aCleanRunIsNoProblemAndARecoveryOnlyAfterAPartialOrFailedRun() {
        RunSummary clean = run(43, SyncModule.VENDORS, RunStatus.SUCCEEDED, 0, 0, null);

        assertThat(Alert.problem(clean)).isEmpty();
        assertThat(Alert.recovery(clean, null)).as("first run ever").isEmpty();
        assertThat(Alert.recovery(clean, run(41, SyncModule.VENDORS, RunStatus.SUCCEEDED, 0, 0, null))).isEmpty();
        assertThat(Alert.recovery(clean, run(41, SyncModule.VENDORS, RunStatus.PARTIAL, 2, 0, "..."))).isPresent();
        Alert recovery = Alert.recovery(clean, run(42, SyncModule.VENDORS, RunStatus.FAILED, 0, 0, "run failed: x")).orElseThrow();
        assertThat(recovery.kind()).isEqualTo(Alert.Kind.RECOVERY);
        assertThat(recovery.text()).isEqualTo("vendors run 43 SUCCEEDED: back to normal after run 42 FAILED");
        assertThat(Alert.recovery(run(44, SyncModule.VENDORS, RunStatus.PARTIAL, 1, 0, "..."),
                run(43, SyncModule.VENDORS, RunStatus.FAILED, 0, 0, "..."))).as("still not clean").isEmpty();
    }

    @Test
    void thePayloadCarriesTheRunsFactsUnderTheApisNames() {
        Alert alert = Alert.problem(run(42, SyncModule.VENDORS, RunStatus.PARTIAL, 1, 0, "1 pull and 0 push records failed")).orElseThrow();

        assertThat(alert.payload()).containsExactly(
                entry("kind", "PROBLEM"), entry("module", "vendors"), entry("runId", 42L), entry("status", "PARTIAL"),
                entry("trigger", "SCHEDULE"), entry("pullErrorCount", 1), entry("pushErrorCount", 0),
                entry("message", "1 pull and 0 push records failed"), entry("node", "node-a"),
                entry("startedAt", "2026-11-29T10:00:00Z"), entry("endedAt", "2026-11-29T10:00:07Z"),
                entry("text", "vendors run 42 PARTIAL: 1 pull error"));
    }

    @Test
    void aRecoveryPayloadNamesTheRunItRecoveredFrom() {
        Alert alert = Alert.recovery(run(43, SyncModule.VENDORS, RunStatus.SUCCEEDED, 0, 0, null),
                run(42, SyncModule.VENDORS, RunStatus.PARTIAL, 1, 0, "...")).orElseThrow();

        assertThat(alert.payload()).containsEntry("kind", "RECOVERY").containsEntry("previousRunId", 42L)
                .containsEntry("previousStatus", "PARTIAL").containsEntry("message", null);
        assertThat(alert.body()).contains("Previous: run 42 PARTIAL: ...");
    }

    @Test
    void theMailBodyShowsTheRunAsTheHistoryDoes() {
        Alert alert = Alert.problem(run(7, SyncModule.PRODUCTS, RunStatus.PARTIAL, 3, 2, "3 pull and 2 push records failed")).orElseThrow();

        assertThat(alert.body()).startsWith("products run 7 PARTIAL: 3 pull errors, 2 push errors\n\n")
                .contains("Run:      7 (SCHEDULE, node node-a)")
                .contains("Pull:     12 read, 3 created, 1 updated, 7 unchanged, 0 skipped, 3 failed, 0 not copied, 3 errors")
                .contains("Push:     5 read, 0 created, 2 updated, 1 unchanged, 0 skipped, 2 failed, 0 not copied, 2 errors")
                .contains("Message:  3 pull and 2 push records failed")
                .contains("GET /api/runs/7/errors");
    }
}
