package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Forgets a pair on an operator's word: its binding, fingerprints and base (and, for a customer,
 * its contact persons' bindings), so the next run treats both records as new under the duplicate
 * policy. One history entry (a run of trigger UNLINK) says who unlinked what.
 */
@Component
public class Unlinks {

    private final BindingStore bindings;
    private final SyncRuns runs;
    private final RunStore history;
    private final Rereads rereads;

    public Unlinks(BindingStore bindings, SyncRuns runs, RunStore history, Rereads rereads) {
        this.rereads = rereads;
        this.bindings = bindings;
        this.runs = runs;
        this.history = history;
    }

    /** What was unlinked, and the run that records it. */
    public record Unlinked(long runId, String crmId, String inventoryId) {
    }

    /** Forgets the pair of a CRM record; {@link PairNotBoundException} when it is bound to nothing. */
    public Unlinked unlink(SyncModule module, String crmId, String by) {
        Binding binding = bindings.byCrmId(module, BindingKind.RECORD, crmId)
                .orElseThrow(() -> new PairNotBoundException(module, crmId));
        RunProgress run = runs.open(module, new RunRequest(Trigger.UNLINK, false, false, Set.of(), Set.of()));
        try {
            bindings.forget(binding);
            // the next run reads both records again, changed or not, and treats them as new
            rereads.queue(module, Flow.PULL, crmId);
            rereads.queue(module, Flow.PUSH, binding.inventoryId());
            history.addError(run.runId(), Flow.PULL, EntryKind.UNLINKED, crmId, null, "unlinked by " + by + ": CRM record "
                    + crmId + " and Inventory record " + binding.inventoryId() + " are no longer a pair; the next run"
                    + " treats both as new (duplicate policy " + run.settings().duplicatePolicy() + ")", null);
        } finally {
            runs.close(run);
        }
        return new Unlinked(run.runId(), crmId, binding.inventoryId());
    }

    /** A CRM record bound to nothing in the module (HTTP: 404). */
    public static class PairNotBoundException extends RuntimeException {
        public PairNotBoundException(SyncModule module, String crmId) {
            super("CRM record " + crmId + " is not bound in module " + module);
        }
    }
}
