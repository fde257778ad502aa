package io.crminventorysync.alerts;

import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one closed run has to say to the operator, if anything: a {@link Kind#PROBLEM} for a run
 * that ended PARTIAL or FAILED, a {@link Kind#RECOVERY} for a clean run right after such a run.
 *
 * @param previous the module's run before this one; only a recovery carries it
 */
public record Alert(Kind kind, RunSummary run, RunSummary previous) {

    /** Longest {@code text}: chat webhooks show it as is, and an e-mail uses it as the subject. */
    static final int MAX_TEXT = 300;

    public enum Kind {
        /** The run ended PARTIAL (some records failed) or FAILED (the run stopped). */
        PROBLEM,
        /** The run SUCCEEDED and the module's run before it had not. */
        RECOVERY
    }

    /** A run that ended PARTIAL or FAILED is a problem, whatever came before it. */
    public static Optional<Alert> problem(RunSummary run) {
        return isProblem(run.status()) ? Optional.of(new Alert(Kind.PROBLEM, run, null)) : Optional.empty();
    }

    /** A clean run after a run that was not: the problem is over. */
    public static Optional<Alert> recovery(RunSummary run, RunSummary previous) {
        return run.status() == RunStatus.SUCCEEDED && previous != null && isProblem(previous.status())
                ? Optional.of(new Alert(Kind.RECOVERY, run, previous)) : Optional.empty();
    }

    static boolean isProblem(RunStatus status) {
        return status == RunStatus.PARTIAL || status == RunStatus.FAILED;
    }

    /**
     * One line a person reads as is in a chat channel or an e-mail subject, for example
     * {@code vendors run 42 PARTIAL: 1 pull error} or
     * {@code vendors run 43 SUCCEEDED: back to normal after run 42 FAILED}.
     */
    public String text() {
        String head = run.module().id() + " run " + run.id() + " " + run.status();
        String detail;
        if (kind == Kind.RECOVERY) {
            detail = "back to normal after run " + previous.id() + " " + previous.status();
        } else if (run.status() == RunStatus.FAILED) {
            detail = join(reason(run.message()), errorCounts());
        } else {
            detail = errorCounts().isEmpty() ? oneLine(run.message()) : errorCounts();
        }
        String text = detail == null || detail.isEmpty() ? head : head + ": " + detail;
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    /**
     * The JSON body of a webhook alert. Field names follow the run as the HTTP API shows it
     * ({@code pullErrorCount}, ...); times are ISO-8601 in UTC.
     */
    public Map<String, Object> payload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name());
        m.put("module", run.module().id());
        m.put("runId", run.id());
        m.put("status", run.status().name());
        m.put("trigger", run.trigger().name());
        m.put("pullErrorCount", run.pullErrorCount());
        m.put("pushErrorCount", run.pushErrorCount());
        m.put("message", run.message());
        m.put("node", run.node());
        m.put("startedAt", run.startedAt() == null ? null : run.startedAt().toString());
        m.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString());
        if (previous != null) {
            m.put("previousRunId", previous.id());
            m.put("previousStatus", previous.status().name());
        }
        m.put("text", text());
        return m;
    }

    /** The body of an alert e-mail: the text, then the run as the history shows it. */
    public String body() {
        StringBuilder b = new StringBuilder(text()).append("\n\n");
        b.append("Module:   ").append(run.module().id()).append('\n');
        b.append("Run:      ").append(run.id()).append(" (").append(run.trigger()).append(", node ").append(run.node()).append(")\n");
        b.append("Status:   ").append(run.status()).append('\n');
        b.append("Started:  ").append(run.startedAt()).append('\n');
        b.append("Ended:    ").append(run.endedAt()).append('\n');
        b.append("Pull:     ").append(counts(run.pull())).append(", ").append(run.pullErrorCount()).append(" errors\n");
        b.append("Push:     ").append(counts(run.push())).append(", ").append(run.pushErrorCount()).append(" errors\n");
        if (run.message() != null) {
            b.append("Message:  ").append(run.message()).append('\n');
        }
        if (previous != null) {
            b.append("Previous: run ").append(previous.id()).append(' ').append(previous.status());
            if (previous.message() != null) {
                b.append(": ").append(previous.message());
            }
            b.append('\n');
        }
        b.append("\nThe run's errors: GET /api/runs/").append(run.id()).append("/errors\n");
        return b.toString();
    }

    private String errorCounts() {
        String pull = count(run.pullErrorCount(), "pull error");
        String push = count(run.pushErrorCount(), "push error");
        return pull.isEmpty() || push.isEmpty() ? pull + push : pull + ", " + push;
    }

    private static String counts(RunSummary.Counts c) {
        return c.read() + " read, " + c.created() + " created, " + c.updated() + " updated, " + c.unchanged()
                + " unchanged, " + c.skipped() + " skipped, " + c.failed() + " failed, " + c.notCopied() + " not copied";
    }

    private static String count(int n, String what) {
        return n == 0 ? "" : n + " " + what + (n == 1 ? "" : "s");
    }

    /** A FAILED run's message says "run failed: ..." and the line already says FAILED. */
    private static String reason(String message) {
        String m = oneLine(message);
        return m != null && m.startsWith("run failed: ") ? m.substring("run failed: ".length()) : m;
    }

    private static String oneLine(String s) {
        return s == null ? null : s.replaceAll("\\s+", " ").trim();
    }

    private static String join(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b;
        }
        return b == null || b.isEmpty() ? a : a + "; " + b;
    }
}
