package io.crminventorysync.web;

import io.crminventorysync.sync.AccountTransactions;
import io.crminventorysync.sync.AuditLog;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.ModuleSettingsStore;
import io.crminventorysync.sync.ModuleState;
import io.crminventorysync.sync.RunError;
import io.crminventorysync.sync.RunNotFoundException;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.TransactionModulesStore;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The control plane over HTTP (paths and shapes are a contract, see the README). Every rule lives in
 * {@link ModuleControl} and the stores; this class only translates.
 */
@RestController
@RequestMapping("/api")
public class ControlController {

    private final ModuleControl control;
    private final ModuleSettingsStore settings;
    private final RunStore runs;
    private final AccountTransactions transactionsOf;
    private final TransactionModulesStore transactions;
    private final AuditLog audit;

    public ControlController(ModuleControl control, ModuleSettingsStore settings, RunStore runs,
            AccountTransactions transactionsOf, TransactionModulesStore transactions, AuditLog audit) {
        this.control = control;
        this.settings = settings;
        this.runs = runs;
        this.transactionsOf = transactionsOf;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Settings as sent by PUT. A field left out (null) keeps its stored value; an empty crmViewId
     * clears the view. Unknown enum values are refused by Jackson and answered 400 naming the field.
     */
    public record SettingsBody(Direction direction, DuplicatePolicy duplicatePolicy, ConflictPolicy conflictPolicy,
            DeletePolicy deletePolicy, String crmViewId, CrmSide crmSide, String cron, String reconcileCron) {
    }

    public record TransactionsBody(Boolean enabled) {
    }

    @GetMapping("/modules")
    public List<ModuleState> modules() {
        return Arrays.stream(SyncModule.values()).map(control::state).toList();
    }

    @GetMapping("/modules/{module}")
    public ModuleState module(@PathVariable SyncModule module) {
        return control.state(module);
    }

    @GetMapping("/modules/{module}/settings")
    public ModuleSettings settings(@PathVariable SyncModule module) {
        return settings.get(module);
    }

    /** Saves the settings; with {@code sync=true} ("Save and Sync") a run starts on them: 202 with its id. */
    @PutMapping("/modules/{module}/settings")
    public ResponseEntity<Map<String, Object>> saveSettings(@PathVariable SyncModule module,
            @RequestBody SettingsBody body, @RequestParam(defaultValue = "false") boolean sync, Principal user) {
        ModuleSettings current = settings.get(module);
        ModuleSettings saved = settings.save(new ModuleSettings(module,
                body.direction() != null ? body.direction() : current.direction(),
                body.duplicatePolicy() != null ? body.duplicatePolicy() : current.duplicatePolicy(),
                body.conflictPolicy() != null ? body.conflictPolicy() : current.conflictPolicy(),
                body.deletePolicy() != null ? body.deletePolicy() : current.deletePolicy(),
                body.crmViewId() != null ? body.crmViewId() : current.crmViewId(),
                body.crmSide() != null ? body.crmSide() : current.crmSide(),
                body.cron() != null ? body.cron() : current.cron(),
                body.reconcileCron() != null ? body.reconcileCron() : current.reconcileCron(),
                current.paused(), current.pausedReason(), current.updatedAt()));
        audit.record(user.getName(), AuditLog.SETTINGS_SAVED, module.id(), null, changes(current, saved));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("settings", saved);
        if (!sync) {
            return ResponseEntity.ok(answer);
        }
        // Saved first: a refused run (paused, running elsewhere) still leaves the new settings stored,
        // and the 409 says why no run started.
        long runId = control.start(module, Trigger.SAVE);
        audit.record(user.getName(), AuditLog.SYNC_STARTED, module.id(), "run " + runId, "settings saved with sync");
        answer.put("runId", runId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    /**
     * Instant Sync: reads what changed since the module's last good run, as the schedule does;
     * {@code full=true} makes it a full pass (reconciliation) that re-reads both sides whole.
     */
    @PostMapping("/modules/{module}/sync")
    public ResponseEntity<Map<String, Object>> sync(@PathVariable SyncModule module,
            @RequestParam(defaultValue = "false") boolean full, Principal user) {
        long runId = control.start(module, Trigger.INSTANT, full);
        audit.record(user.getName(), AuditLog.SYNC_STARTED, module.id(), "run " + runId, full ? "full pass" : null);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", runId));
    }

    /** 200 with the module's state; 409 with a reason code when the rules refuse (NOT_PAUSABLE, TRANSACTION_MODULES_ENABLED). */
    @PostMapping("/modules/{module}/pause")
    public ModuleState pause(@PathVariable SyncModule module, Principal user) {
        boolean wasPaused = settings.get(module).paused();
        control.pause(module, "paused over HTTP by " + user.getName());
        if (!wasPaused) {
            audit.record(user.getName(), AuditLog.PAUSED, module.id(), null, null);
        }
        return control.state(module);
    }

    @PostMapping("/modules/{module}/resume")
    public ModuleState resume(@PathVariable SyncModule module, Principal user) {
        boolean wasPaused = settings.get(module).paused();
        control.resume(module, "resumed over HTTP by " + user.getName());
        if (wasPaused) {
            audit.record(user.getName(), AuditLog.RESUMED, module.id(), null, null);
        }
        return control.state(module);
    }

    /** The last 50 runs, newest first, each with pullErrorCount and pushErrorCount. */
    @GetMapping("/modules/{module}/history")
    public List<RunSummary> history(@PathVariable SyncModule module) {
        return runs.history(module, RunStore.HISTORY_SIZE);
    }

    @GetMapping("/runs/{runId}")
    public RunSummary run(@PathVariable long runId) {
        return runs.get(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }

    /** The run's errors; {@code flow} pull or push, all of them without it. */
    @GetMapping("/runs/{runId}/errors")
    public List<RunError> errors(@PathVariable long runId, @RequestParam(required = false) String flow) {
        Flow d = null;
        if (flow != null) {
            try {
                d = Flow.valueOf(flow.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ApiErrors.BadRequestException("flow", "flow must be pull or push, was '" + flow + "'");
            }
        }
        runs.get(runId).orElseThrow(() -> new RunNotFoundException(runId));
        return runs.errors(runId, d);
    }

    @GetMapping("/accounts/{crmAccountId}/salesorders")
    public Map<String, Object> salesOrders(@PathVariable String crmAccountId) {
        String customerId = transactionsOf.customerOf(crmAccountId);
        return Map.of("crmAccountId", crmAccountId, "customerId", customerId,
                "salesorders", transactionsOf.salesOrders(customerId));
    }

    @GetMapping("/accounts/{crmAccountId}/invoices")
    public Map<String, Object> invoices(@PathVariable String crmAccountId) {
        String customerId = transactionsOf.customerOf(crmAccountId);
        return Map.of("crmAccountId", crmAccountId, "customerId", customerId,
                "invoices", transactionsOf.invoices(customerId));
    }

    @GetMapping("/settings/transactions")
    public TransactionModulesStore.State transactions() {
        return transactions.get();
    }

    /** 200 with the new state; 409 MODULES_PAUSED when enabling them while a module is paused. */
    @PutMapping("/settings/transactions")
    public TransactionModulesStore.State setTransactions(@RequestBody TransactionsBody body, Principal user) {
        if (body.enabled() == null) {
            throw new ApiErrors.BadRequestException("enabled", "enabled is required: true or false");
        }
        TransactionModulesStore.State state = control.setTransactionModules(body.enabled());
        audit.record(user.getName(), AuditLog.TRANSACTION_MODULES_SWITCHED, null, null,
                body.enabled() ? "enabled" : "disabled");
        return state;
    }

    /** What a save changed, field by field, for the audit log. */
    private static String changes(ModuleSettings before, ModuleSettings after) {
        List<String> out = new java.util.ArrayList<>();
        change(out, "direction", before.direction(), after.direction());
        change(out, "duplicatePolicy", before.duplicatePolicy(), after.duplicatePolicy());
        change(out, "conflictPolicy", before.conflictPolicy(), after.conflictPolicy());
        change(out, "deletePolicy", before.deletePolicy(), after.deletePolicy());
        change(out, "crmViewId", before.crmViewId(), after.crmViewId());
        change(out, "crmSide", before.crmSide(), after.crmSide());
        change(out, "cron", before.cron(), after.cron());
        change(out, "reconcileCron", before.reconcileCron(), after.reconcileCron());
        return out.isEmpty() ? "nothing changed" : String.join("; ", out);
    }

    private static void change(List<String> out, String name, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            out.add(name + " " + before + " -> " + after);
        }
    }
}
