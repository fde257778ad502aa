package io.crminventorysync.sync.record;

import io.crminventorysync.crm.CrmWriteResult;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.Flow;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The delete policy, one rule for both flows: what a bound pair becomes when the record on one side
 * is gone (deleted, or merged away in CRM). The pair is always forgotten (binding, its contact
 * persons' bindings, its idempotent entries), so no run fails on it again; then
 * <ul>
 * <li>gone in Inventory: RECREATE (and PROPAGATE in a one-way module, which never writes to CRM)
 * has the CRM record, the master, created again in Inventory; UNLINK writes nothing; PROPAGATE in
 * two-way deletes the CRM record (into CRM's recycle bin).</li>
 * <li>gone in CRM: PROPAGATE marks the Inventory record inactive (a contact person, which has no
 * such state, is deleted); RECREATE and UNLINK leave it as it is, as Zoho's own integration does:
 * the master is gone, there is nothing to create it from.</li>
 * </ul>
 * Each is one entry of the run's history.
 */
@Component
public class PairRemoval {

    /** What the caller does next with a pair whose Inventory record is gone. */
    public enum Next { CREATE_AGAIN, NOTHING }

    private final BindingStore bindings;
    private final RunStore history;
    private final RecordMapper mapper;
    private final InventoryGateway inventory;
    private final CrmGateway crm;

    public PairRemoval(BindingStore bindings, RunStore history, RecordMapper mapper, InventoryGateway inventory,
            CrmGateway crm) {
        this.bindings = bindings;
        this.history = history;
        this.mapper = mapper;
        this.inventory = inventory;
        this.crm = crm;
    }

    /** The binding's Inventory record is gone: forgotten, then the policy. */
    public Next inventoryGone(RunProgress run, RecordType type, Binding binding, Flow flow) {
        bindings.forget(binding);
        DeletePolicy policy = run.settings().deletePolicy();
        String what = "Inventory " + mapper.entity(type) + " " + binding.inventoryId() + " of CRM "
                + mapper.mapping(type).crmModule() + " " + binding.crmId() + " is gone";
        if (policy == DeletePolicy.UNLINK) {
            run.unlinked(binding.crmId());
            entry(run, flow, EntryKind.UNLINKED, binding.crmId(), what + "; the pair is unlinked, nothing written (delete policy UNLINK)");
            return Next.NOTHING;
        }
        if (policy == DeletePolicy.PROPAGATE && run.settings().twoWay()) {
            run.unlinked(binding.crmId());
            List<CrmWriteResult> deleted = crm.delete(mapper.mapping(type).crmModule(), List.of(binding.crmId()));
            boolean ok = deleted.get(0).isSuccess();
            entry(run, flow, EntryKind.DELETE_PROPAGATED, binding.crmId(), what + (ok
                    ? "; the CRM record was deleted (in CRM's recycle bin for 60 days; delete policy PROPAGATE)"
                    : "; the CRM record could not be deleted: " + deleted.get(0).rawCode() + " " + deleted.get(0).message()));
            return Next.NOTHING;
        }
        entry(run, flow, EntryKind.RECREATED, binding.crmId(), what + "; created again from CRM (delete policy " + policy + ")");
        return Next.CREATE_AGAIN;
    }

    /** The binding's CRM record is gone (deleted or merged away): forgotten, then the policy. */
    public void crmGone(RunProgress run, RecordType type, Binding binding, Flow flow) {
        bindings.forget(binding);
        DeletePolicy policy = run.settings().deletePolicy();
        String what = "CRM " + mapper.mapping(type).crmModule() + " " + binding.crmId() + " of Inventory "
                + mapper.entity(type) + " " + binding.inventoryId() + " is gone";
        if (policy != DeletePolicy.PROPAGATE) {
            entry(run, flow, EntryKind.UNLINKED, binding.crmId(), what + "; the pair is unlinked and the Inventory record kept"
                    + " as it is (delete policy " + policy + ")");
            return;
        }
        InventoryEntity entity = mapper.entity(type);
        inventory.setActive(entity, binding.inventoryId(), false);
        entry(run, flow, EntryKind.DELETE_PROPAGATED, binding.crmId(), what + "; the Inventory " + entity
                + (entity == InventoryEntity.CONTACT_PERSON ? " was deleted (a contact person has no inactive state)"
                        : " was marked inactive") + " (delete policy PROPAGATE)");
    }

    /** The binding of a CRM record, of the record type's kind, if any. */
    public java.util.Optional<Binding> bindingOf(RecordType type, String crmId) {
        return bindings.byCrmId(type.module(), type.kind(), crmId);
    }

    private void entry(RunProgress run, Flow flow, EntryKind kind, String crmId, String reason) {
        history.addError(run.runId(), flow, kind, crmId, null, reason, null);
    }
}
