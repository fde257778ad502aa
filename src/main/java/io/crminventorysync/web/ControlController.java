package io.crminventorysync.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.crminventorysync.sync.AccountTransactions;
import io.crminventorysync.sync.RunRefusedException;
import io.crminventorysync.sync.SettingsEditor;
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
    private final SettingsEditor editor;

    public ControlController(ModuleControl control, ModuleSettingsStore settings, RunStore runs,
            AccountTransactions transactionsOf, TransactionModulesStore transactions, AuditLog audit,
            SettingsEditor editor) {
        this.editor = editor;
        this.control = control;
        this.settings = settings;
        this.runs = runs;
        this.transactionsOf = transactionsOf;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Settings as sent by PUT. A field left out (null) keeps its stored value; an empty crmViewId
     * clears the view. Unknown enum values are refused by Jackson and answered 400 naming the field,
     * and so is a field this API does not know ("dirction"): a typo must not be silently ignored.
     */
    public record SettingsBody(Boolean enabled, Direction direction, DuplicatePolicy duplicatePolicy,
            ConflictPolicy conflictPolicy, DeletePolicy deletePolicy, String crmViewId, CrmSide crmSide, String cron,
            String reconcileCron) {

        /** Jackson calls this for a field the record does not have (the service's mapper ignores them otherwise). */
        @JsonAnySetter
        void unknown(String name, Object value) {
            throw new ApiErrors.BadRequestException(name, "unknown field '" + name + "'; known fields: "
                    + java.util.Arrays.stream(SettingsBody.class.getRecordComponents()).map(c -> c.getName()).toList());
        }

        SettingsEditor.Change change() {
            return new SettingsEditor.Change(enabled, direction, duplicatePolicy, conflictPolicy, deletePolicy, crmViewId,
                    crmSide, cron, reconcileCron);
        }
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

    /**
     * Saves the settings; with {@code sync=true} ("Save and Sync") a run starts on them: 202 with its
     * id, or 409 with the reason no run started and {@code "saved": true} (the settings are stored).
     */
    @PutMapping("/modules/{module}/settings")
    public ResponseEntity<Map<String, Object>> saveSettings(@PathVariable SyncModule module,
            @RequestBody SettingsBody body, @RequestParam(defaultValue = "false") boolean sync, Principal user) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (!sync) {
            answer.put("settings", editor.save(module, body.change(), user.getName()));
            return ResponseEntity.ok(answer);
        }
        SettingsEditor.Saved saved = editor.saveAndSync(module, body.change(), user.getName());
        if (saved.refused() != null) {
            RunRefusedException refused = saved.refused();
            answer.putAll(ApiErrorBody.of(refused.getMessage() + "; the settings were saved", null, refused.reason().name()));
            if (refused.runningRunId() != null) {
                answer.put("runId", refused.runningRunId());
            }
            answer.put("saved", true);
            answer.put("settings", saved.settings());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(answer);
        }
        answer.put("settings", saved.settings());
        answer.put("runId", saved.runId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    /** The module's CRM custom views to choose {@code crmViewId} from; 404 for products, which read no view. */
    @GetMapping("/modules/{module}/views")
    public List<SettingsEditor.CrmView> views(@PathVariable SyncModule module) {
        return editor.views(module, null);
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
}
