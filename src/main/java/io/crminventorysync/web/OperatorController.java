package io.crminventorysync.web;

import io.crminventorysync.sync.AuditLog;
import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.PlanBook;
import io.crminventorysync.sync.RunError;
import io.crminventorysync.sync.RunError.ErrorState;
import io.crminventorysync.sync.RunNotFoundException;
import io.crminventorysync.sync.RunRequest;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.Unlinks;
import io.crminventorysync.sync.Worklist;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's actions on records: the module's errors as a worklist (retry one, retry all,
 * resolve with a note), forgetting a pair, and a preview of a sync with its plan.
 */
@RestController
@RequestMapping("/api")
public class OperatorController {

    /** The largest page of a worklist or a plan. */
    static final int MAX_PAGE_SIZE = 500;

    private final Worklist worklist;
    private final Unlinks unlinks;
    private final ModuleControl control;
    private final RunStore runs;
    private final PlanBook plans;
    private final AuditLog audit;

    public OperatorController(Worklist worklist, Unlinks unlinks, ModuleControl control, RunStore runs, PlanBook plans,
            AuditLog audit) {
        this.audit = audit;
        this.worklist = worklist;
        this.unlinks = unlinks;
        this.control = control;
        this.runs = runs;
        this.plans = plans;
    }

    /** The body of a resolve: an optional note. */
    public record ResolveBody(String note) {
    }

    /** The module's errors across runs, newest first; {@code q} matches record name, CRM id or Inventory id. */
    @GetMapping("/modules/{module}/errors")
    public Worklist.Page errors(@PathVariable SyncModule module, @RequestParam(required = false) String state,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return worklist.errors(module, state(state), q == null || q.isBlank() ? null : q.trim(), page(page), size(size));
    }

    @PostMapping("/errors/{errorId}/retry")
    public ResponseEntity<Map<String, Object>> retry(@PathVariable long errorId, Principal user) {
        RunError error = worklist.error(errorId);
        long runId = worklist.retry(errorId);
        audit.record(user.getName(), AuditLog.ERROR_RETRIED, error.module().id(), "error " + errorId, "run " + runId);
        return accepted(runId);
    }

    @PostMapping("/modules/{module}/errors/retry")
    public ResponseEntity<Map<String, Object>> retryAll(@PathVariable SyncModule module, Principal user) {
        long runId = worklist.retryAll(module);
        audit.record(user.getName(), AuditLog.ERROR_RETRIED, module.id(), "every OPEN error", "run " + runId);
        return accepted(runId);
    }

    @PostMapping("/errors/{errorId}/resolve")
    public RunError resolve(@PathVariable long errorId, @RequestBody(required = false) ResolveBody body, Principal user) {
        String note = body == null ? null : body.note();
        if (note != null && note.length() > 1000) {
            throw new ApiErrors.BadRequestException("note", "note: at most 1000 characters, was " + note.length());
        }
        RunError resolved = worklist.resolve(errorId, user.getName(), note);
        audit.record(user.getName(), AuditLog.ERROR_RESOLVED, resolved.module().id(), "error " + errorId, note);
        return resolved;
    }

    /** Forgets a pair: the next run treats both records as new under the duplicate policy. */
    @DeleteMapping("/modules/{module}/bindings/{crmId}")
    public Map<String, Object> unlink(@PathVariable SyncModule module, @PathVariable String crmId, Principal user) {
        Unlinks.Unlinked done = unlinks.unlink(module, crmId, user.getName());
        audit.record(user.getName(), AuditLog.PAIR_UNLINKED, module.id(), "CRM " + crmId,
                "Inventory " + done.inventoryId() + "; run " + done.runId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", done.runId());
        body.put("crmId", crmId);
        body.put("inventoryId", done.inventoryId());
        return body;
    }

    /** A run that plans what a sync would do and writes nothing; its plan at /api/runs/{runId}/plan. */
    @PostMapping("/modules/{module}/preview")
    public ResponseEntity<Map<String, Object>> preview(@PathVariable SyncModule module, Principal user) {
        long runId = control.start(module, RunRequest.preview());
        audit.record(user.getName(), AuditLog.PREVIEW_STARTED, module.id(), "run " + runId, null);
        return accepted(runId);
    }

    /** A preview's plan, record by record, in the order planned; {@code total} counts the entries kept. */
    @GetMapping("/runs/{runId}/plan")
    public Map<String, Object> plan(@PathVariable long runId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        RunSummary run = runs.get(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (!run.dryRun()) {
            throw new ApiErrors.BadRequestException("runId", "run " + runId + " is no preview: it has no plan");
        }
        List<Map<String, Object>> entries = runs.plan(runId, page(page), size(size)).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flow", e.flow());
            m.put("action", e.action());
            m.put("crmId", e.crmId());
            m.put("inventoryId", e.inventoryId());
            m.put("name", e.recordName());
            m.put("changes", plans.changes(e.changes()));
            m.put("reason", e.reason());
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("status", run.status());
        body.put("total", runs.planCount(runId));
        body.put("page", page);
        body.put("size", size);
        body.put("entries", entries);
        return body;
    }

    private static ResponseEntity<Map<String, Object>> accepted(long runId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", runId));
    }

    private static ErrorState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return ErrorState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadRequestException("state", "state must be OPEN, RETRIED or RESOLVED, was '" + state + "'");
        }
    }

    private static int page(int page) {
        if (page < 0) {
            throw new ApiErrors.BadRequestException("page", "page must be 0 or more, was " + page);
        }
        return page;
    }

    private static int size(int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new ApiErrors.BadRequestException("size", "size must be 1 to " + MAX_PAGE_SIZE + ", was " + size);
        }
        return size;
    }
}
