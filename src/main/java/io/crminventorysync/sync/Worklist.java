package io.crminventorysync.sync;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.sync.RunError.ErrorState;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.Flow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A module's errors as a worklist (the control plane's and the console's): each failed record can be
 * retried alone (a run limited to it, read fresh from its source side, through the same mapping,
 * bindings and duplicate policy), all of them at once, or resolved by an operator with a note.
 */
@Component
public class Worklist {

    /** A page of the worklist and how many entries match in all. */
    public record Page(List<RunError> errors, int total, int page, int size) {
    }

    private final RunStore store;
    private final ModuleControl control;
    private final BindingStore bindings;
    private final ModuleSettingsStore settings;
    private final CrmClient crm;

    public Worklist(RunStore store, ModuleControl control, BindingStore bindings, ModuleSettingsStore settings,
            CrmClient crm) {
        this.store = store;
        this.control = control;
        this.bindings = bindings;
        this.settings = settings;
        this.crm = crm;
    }

    public Page errors(SyncModule module, ErrorState state, String q, int page, int size) {
        return new Page(store.worklist(module, state, q, page, size), store.worklistCount(module, state, q), page, size);
    }

    public RunError error(long id) {
        return store.error(id).filter(e -> e.kind() == EntryKind.ERROR).orElseThrow(() -> new ErrorNotFoundException(id));
    }

    /**
     * Retries one failed record: a run of its module (trigger RETRY) that reads and writes only it
     * (for an account, or a contact of one, the account's whole group). 409 as any run when the module
     * is paused or running. The entry is RETRIED; a new failure is a new OPEN entry of that run.
     */
    public long retry(long errorId) {
        RunError e = error(errorId);
        if (e.state() != ErrorState.OPEN) {
            throw new ControlRefusedException(ControlRefusedException.Reason.NOT_OPEN, "error " + errorId + " is " + e.state() + ", not OPEN");
        }
        return retry(e.module(), List.of(e));
    }

    /** Retries every OPEN error of a module in one run (202 with the run, or 409 when there is none to retry). */
    public long retryAll(SyncModule module) {
        List<RunError> open = store.openErrors(module);
        if (open.isEmpty()) {
            throw new ControlRefusedException(ControlRefusedException.Reason.NOT_OPEN, "module " + module + " has no OPEN error to retry");
        }
        return retry(module, open);
    }

    private long retry(SyncModule module, List<RunError> errors) {
        Set<String> crmIds = new LinkedHashSet<>();
        Set<String> inventoryIds = new LinkedHashSet<>();
        boolean groups = module == SyncModule.ACCOUNTS
                && settings.get(module).crmSide() == CrmSide.ACCOUNTS_AND_CONTACTS;
        for (RunError e : errors) {
            if (e.recordId() == null) {
                continue;
            }
            if (e.flow() == Flow.PUSH) {
                inventoryIds.add(e.recordId());
            } else if (groups && e.recordType() == RecordType.PERSON) {
                accountOf(e.recordId()).ifPresent(crmIds::add);
            } else {
                crmIds.add(e.recordId());
            }
        }
        long runId = control.start(module, RunRequest.retry(crmIds, inventoryIds));
        store.setState(errors.stream().map(RunError::id).toList(), ErrorState.RETRIED, null, "retried by run " + runId);
        return runId;
    }

    /** The CRM account a contact belongs to: through its binding, or as CRM has it now. */
    private Optional<String> accountOf(String contactId) {
        Optional<String> bound = bindings.byCrmId(SyncModule.ACCOUNTS, BindingKind.PERSON, contactId)
                .flatMap(p -> bindings.byInventoryId(SyncModule.ACCOUNTS, BindingKind.RECORD, p.inventoryParentId()))
                .map(Binding::crmId);
        if (bound.isPresent()) {
            return bound;
        }
        return crm.getRecord("Contacts", contactId).map(c -> c.get("Account_Name"))
                .filter(Map.class::isInstance).map(a -> ((Map<?, ?>) a).get("id")).map(Object::toString);
    }

    /** Takes an OPEN error off the worklist: RESOLVED, with who, when and an optional note. */
    public RunError resolve(long errorId, String by, String note) {
        RunError e = error(errorId);
        if (store.setState(List.of(errorId), ErrorState.RESOLVED, by, note) == 0) {
            throw new ControlRefusedException(ControlRefusedException.Reason.NOT_OPEN, "error " + errorId + " is " + e.state() + ", not OPEN");
        }
        return error(errorId);
    }

    /** An error id that is no error entry (HTTP: 404). */
    public static class ErrorNotFoundException extends RuntimeException {
        public ErrorNotFoundException(long id) {
            super("no error " + id);
        }
    }
}
