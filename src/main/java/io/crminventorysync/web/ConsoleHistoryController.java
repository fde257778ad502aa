package io.crminventorysync.web;

import io.crminventorysync.sync.AuditLog;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.PlanBook;
import io.crminventorysync.sync.RunError;
import io.crminventorysync.sync.RunNotFoundException;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.Unlinks;
import io.crminventorysync.sync.Worklist;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's Sync History (issue 15, page 4): a module's last 50 runs with a chart of records and
 * errors per run, and a run's page with its errors, conflicts and notes, filtered and searched, with
 * the worklist's actions (Retry, Retry all, Resolve, Unlink) and a preview's plan. The actions are
 * {@link Worklist}'s and {@link Unlinks}', as over {@code /api}.
 */
@Controller
public class ConsoleHistoryController {

    /** Plan entries shown on a preview's page (the API pages through all of them). */
    static final int PLAN_SHOWN = 200;

    private final RunStore runs;
    private final Worklist worklist;
    private final Unlinks unlinks;
    private final BindingStore bindings;
    private final PlanBook plans;
    private final AuditLog audit;

    public ConsoleHistoryController(RunStore runs, Worklist worklist, Unlinks unlinks, BindingStore bindings,
            PlanBook plans, AuditLog audit) {
        this.runs = runs;
        this.worklist = worklist;
        this.unlinks = unlinks;
        this.bindings = bindings;
        this.plans = plans;
        this.audit = audit;
    }

    /** One bar pair of the chart: records read and errors of a run, scaled to the chart's height. */
    public record Bar(long runId, int x, int readHeight, int errorHeight, int read, int errors) {
    }

    static final int CHART_HEIGHT = 120;
    static final int BAR_STEP = 16;

    @GetMapping("/modules/{module}/history")
    public String history(@PathVariable SyncModule module, Model model) {
        List<RunSummary> history = runs.history(module, RunStore.HISTORY_SIZE);
        model.addAttribute("module", module.id());
        model.addAttribute("label", ConsoleViews.label(module));
        model.addAttribute("runs", history);
        model.addAttribute("bars", bars(history));
        model.addAttribute("chartWidth", Math.max(1, history.size()) * BAR_STEP + 40);
        model.addAttribute("chartHeight", CHART_HEIGHT);
        return "console/history";
    }

    /** Oldest run on the left; both series share one scale so that errors read against records. */
    static List<Bar> bars(List<RunSummary> newestFirst) {
        List<RunSummary> runs = new ArrayList<>(newestFirst);
        Collections.reverse(runs);
        int max = 1;
        for (RunSummary r : runs) {
            max = Math.max(max, Math.max(read(r), errors(r)));
        }
        List<Bar> out = new ArrayList<>();
        int x = 30;
        for (RunSummary r : runs) {
            out.add(new Bar(r.id(), x, scale(read(r), max), scale(errors(r), max), read(r), errors(r)));
            x += BAR_STEP;
        }
        return out;
    }

    private static int scale(int value, int max) {
        return value == 0 ? 0 : Math.max(2, value * CHART_HEIGHT / max);
    }

    private static int read(RunSummary r) {
        return r.pull().read() + r.push().read();
    }

    private static int errors(RunSummary r) {
        return r.pullErrorCount() + r.pushErrorCount();
    }

    /** An entry of a run's page: the stored entry with the other side's id where a binding knows it. */
    public record Row(RunError entry, String crmId, String inventoryId) {
    }

    @GetMapping("/runs/{runId}")
    public String run(@PathVariable long runId, @RequestParam(required = false) String flow,
            @RequestParam(required = false) String state, @RequestParam(required = false) String q, Model model) {
        RunSummary run = runs.get(runId).orElseThrow(() -> new RunNotFoundException(runId));
        Flow f = null;
        if (flow != null && !flow.isBlank()) {
            try {
                f = Flow.valueOf(flow.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                model.addAttribute("filterError", "Direction must be pull or push; showing both.");
            }
        }
        String needle = q == null || q.isBlank() ? null : q.trim().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        for (RunError e : runs.errors(runId, f)) {
            if (state != null && !state.isBlank() && (e.state() == null || !e.state().name().equalsIgnoreCase(state))) {
                continue;
            }
            Row row = row(e);
            if (needle != null && !matches(row, needle)) {
                continue;
            }
            rows.add(row);
        }
        model.addAttribute("run", run);
        model.addAttribute("module", run.module().id());
        model.addAttribute("label", ConsoleViews.label(run.module()));
        model.addAttribute("rows", rows);
        model.addAttribute("flow", flow == null ? "" : flow.toLowerCase(Locale.ROOT));
        model.addAttribute("state", state == null ? "" : state.toUpperCase(Locale.ROOT));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("openCount", worklist.errors(run.module(), RunError.ErrorState.OPEN, null, 0, 1).total());
        if (run.dryRun()) {
            List<Map<String, Object>> plan = new ArrayList<>();
            for (RunStore.PlanEntry p : runs.plan(runId, 0, PLAN_SHOWN)) {
                plan.add(Map.of("entry", p, "changes", plans.changes(p.changes())));
            }
            model.addAttribute("plan", plan);
            model.addAttribute("planTotal", runs.planCount(runId));
        }
        return "console/run";
    }

    private Row row(RunError e) {
        String id = e.recordId();
        if (id == null) {
            return new Row(e, null, null);
        }
        if (e.flow() == Flow.PUSH) {
            Optional<Binding> b = bindings.byInventoryId(e.module(), BindingKind.RECORD, id);
            return new Row(e, b.map(Binding::crmId).orElse(null), id);
        }
        Optional<Binding> b = bindings.byCrmId(e.module(), BindingKind.RECORD, id);
        return new Row(e, id, b.map(Binding::inventoryId).orElse(null));
    }

    private static boolean matches(Row r, String needle) {
        return contains(r.entry().recordName(), needle) || contains(r.crmId(), needle) || contains(r.inventoryId(), needle);
    }

    private static boolean contains(String s, String needle) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(needle);
    }

    @PostMapping("/errors/{errorId}/retry")
    public String retry(@PathVariable long errorId, @RequestParam long from, Principal user, RedirectAttributes flash) {
        String key = "error-" + errorId;
        Long runId = ConsoleViews.attempt(flash, key, () -> {
            RunError error = worklist.error(errorId);
            long started = worklist.retry(errorId);
            audit.record(user.getName(), AuditLog.ERROR_RETRIED, error.module().id(), "error " + errorId, "run " + started);
            return started;
        });
        if (runId == null) {
            return "redirect:/runs/" + from;
        }
        ConsoleViews.notice(flash, "run", "Retry of error " + errorId + " from run " + from);
        return "redirect:/runs/" + runId;
    }

    @PostMapping("/modules/{module}/errors/retry")
    public String retryAll(@PathVariable SyncModule module, @RequestParam long from, Principal user,
            RedirectAttributes flash) {
        Long runId = ConsoleViews.attempt(flash, "retry-all", () -> worklist.retryAll(module));
        if (runId == null) {
            return "redirect:/runs/" + from;
        }
        audit.record(user.getName(), AuditLog.ERROR_RETRIED, module.id(), "every OPEN error", "run " + runId);
        ConsoleViews.notice(flash, "run", "Retry of every OPEN error of " + module.id());
        return "redirect:/runs/" + runId;
    }

    @PostMapping("/errors/{errorId}/resolve")
    public String resolve(@PathVariable long errorId, @RequestParam long from,
            @RequestParam(required = false) String note, Principal user, RedirectAttributes flash) {
        String key = "error-" + errorId;
        String text = note == null || note.isBlank() ? null : note.trim();
        if (text != null && text.length() > 1000) {
            ConsoleViews.refuse(flash, key, "note: at most 1000 characters, was " + text.length());
            return "redirect:/runs/" + from;
        }
        RunError resolved = ConsoleViews.attempt(flash, key, () -> worklist.resolve(errorId, user.getName(), text));
        if (resolved != null) {
            audit.record(user.getName(), AuditLog.ERROR_RESOLVED, resolved.module().id(), "error " + errorId, text);
            ConsoleViews.notice(flash, key, "Resolved.");
        }
        return "redirect:/runs/" + from;
    }

    @PostMapping("/modules/{module}/bindings/{crmId}/unlink")
    public String unlink(@PathVariable SyncModule module, @PathVariable String crmId, @RequestParam long from,
            Principal user, RedirectAttributes flash) {
        String key = "unlink-" + crmId;
        Unlinks.Unlinked done = ConsoleViews.attempt(flash, key, () -> unlinks.unlink(module, crmId, user.getName()));
        if (done != null) {
            audit.record(user.getName(), AuditLog.PAIR_UNLINKED, module.id(), "CRM " + crmId,
                    "Inventory " + done.inventoryId() + "; run " + done.runId());
            ConsoleViews.notice(flash, key, "Unlinked from Inventory " + done.inventoryId() + " (run " + done.runId() + ")");
        }
        return "redirect:/runs/" + from;
    }
}
