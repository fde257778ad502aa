package io.crminventorysync.sync.push;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmWriteResult;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.SyncDirection;
import io.crminventorysync.sync.SyncErrors;
import io.crminventorysync.sync.SyncRuns;
import io.crminventorysync.sync.pull.PullSteps;
import io.crminventorysync.sync.push.PushItem.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Writes the planned {@link PushItem}s to CRM in batches of up to 100 (the client splits) and
 * handles every per-record result on its own: a success is bound with the fingerprints of both
 * sides, a refusal is a push error naming the Inventory record, CRM's reason and field, and the
 * rest of the batch lands.
 */
@Component("crmBatchWriter")
public class CrmBatchWriter {

    private final PullSteps steps;
    private final BindingStore bindings;
    private final CrmClient crm;
    private final SyncRuns runs;
    private final RunStore runStore;
    private final SyncErrors errors;

    public CrmBatchWriter(PullSteps steps, BindingStore bindings, CrmClient crm, SyncRuns runs, RunStore runStore,
            SyncErrors errors) {
        this.steps = steps;
        this.bindings = bindings;
        this.crm = crm;
        this.runs = runs;
        this.runStore = runStore;
        this.errors = errors;
    }

    /** Body: the PushItems of one mapping record (property syncRecord). */
    @SuppressWarnings("unchecked")
    public void write(Exchange exchange) {
        List<PushItem> items = exchange.getIn().getBody(List.class);
        if (items == null || items.isEmpty()) {
            return;
        }
        RunProgress run = runs.progress(exchange);
        RecordMapping mapping = steps.mapping(run.module(), items.get(0).record());
        List<PushItem> inserts = new ArrayList<>();
        List<PushItem> upserts = new ArrayList<>();
        List<PushItem> updates = new ArrayList<>();
        for (PushItem item : items) {
            if (item.getAction() == Action.UPDATE) {
                updates.add(item);
            } else if (bindings.pendingCreate(run.module(), item.kind(), SyncDirection.PUSH, item.inventoryId()).isPresent()) {
                // Sent by an earlier run that never bound it (a crash, a timeout): an upsert on the key
                // field finds the record if CRM created it, instead of creating a second one.
                upserts.add(item);
            } else if (keepAfterDuplicateCheck(run, mapping, item)) {
                (item.getAction() == Action.UPDATE ? updates : inserts).add(item);
            }
        }
        for (PushItem item : inserts) {
            String key = keyOf(mapping, item);
            bindings.journalCreate(run.module(), item.kind(), SyncDirection.PUSH, item.inventoryId(), key == null ? "" : key);
        }
        if (!inserts.isEmpty()) {
            handle(run, mapping, inserts, crm.insert(mapping.crmModule(), payloads(inserts)));
        }
        if (!upserts.isEmpty()) {
            // without the key field in the records (an individual's Full_Name is CRM's own), CRM's system key
            List<String> checkFields = keyOf(mapping, upserts.get(0)) == null ? null : List.of(mapping.crmKeyField());
            handle(run, mapping, upserts, crm.upsert(mapping.crmModule(), payloads(upserts), checkFields));
        }
        if (!updates.isEmpty()) {
            handle(run, mapping, updates, crm.update(mapping.crmModule(), payloads(updates)));
        }
    }

    /**
     * An unbound Inventory record whose key matches a CRM record follows the module's duplicate
     * policy: SKIP leaves both alone (noted in the history), OVERWRITE updates and binds the CRM
     * record unless another Inventory record owns it, CLONE creates a second record named after
     * the Inventory id. Returns false when the record is skipped.
     */
    private boolean keepAfterDuplicateCheck(RunProgress run, RecordMapping mapping, PushItem item) {
        String key = keyOf(mapping, item);
        if (key == null || key.isBlank()) {
            return true;
        }
        List<Map<String, Object>> matches = crm.searchEquals(mapping.crmModule(), mapping.crmKeyField(), key);
        if (matches.isEmpty()) {
            return true;
        }
        String existingId = String.valueOf(matches.get(0).get("id"));
        Optional<Binding> owner = bindings.byCrmId(run.module(), item.kind(), existingId);
        DuplicatePolicy policy = run.settings().duplicatePolicy();
        if (policy == DuplicatePolicy.CLONE) {
            if (!"person".equals(item.record())) {
                // a person's key is the e-mail, which a second CRM contact may share
                item.payload().put(mapping.crmKeyField(), PullSteps.cloneName(key, item.inventoryId(), 200));
            }
            return true;
        }
        if (policy == DuplicatePolicy.OVERWRITE && owner.isEmpty()) {
            item.update(existingId);
            return true;
        }
        run.add(SyncDirection.PUSH, Count.SKIPPED);
        runStore.addError(run.runId(), SyncDirection.PUSH, "DUPLICATE_SKIPPED", item.inventoryId(), mapping.crmKeyField(),
                owner.isPresent()
                        ? "CRM " + mapping.crmModule() + " '" + key + "' (" + existingId + ") is already bound to Inventory record "
                                + owner.get().inventoryId() + "; not overwritten (duplicate policy " + policy + ")"
                        : "CRM " + mapping.crmModule() + " '" + key + "' (" + existingId + ") already exists; skipped (duplicate policy SKIP)",
                null);
        return false;
    }

    private void handle(RunProgress run, RecordMapping mapping, List<PushItem> sent, List<CrmWriteResult> results) {
        for (int i = 0; i < sent.size(); i++) {
            PushItem item = sent.get(i);
            CrmWriteResult result = results.get(i);
            if (!result.isSuccess()) {
                errors.recordPush(run, item.inventoryId(), result.field(),
                        "CRM refused the " + (item.getAction() == Action.UPDATE ? "update" : "record") + ": "
                                + result.rawCode() + " " + result.message(), item.payload());
                continue;
            }
            try {
                bind(run, mapping, item, result);
            } catch (RuntimeException e) {
                if (SyncErrors.isFatal(e)) {
                    throw e;
                }
                errors.recordPush(run, item.inventoryId(), e, item.payload());
            }
        }
    }

    /**
     * Binds the written record with what each side now holds. The CRM record is read back, so the
     * binding's CRM-side fingerprint is the one the next pull computes: our write does not come back.
     */
    private void bind(RunProgress run, RecordMapping mapping, PushItem item, CrmWriteResult result) {
        String crmId = result.id() != null ? result.id() : item.getCrmId();
        Map<String, Object> written = crm.getRecord(mapping.crmModule(), crmId)
                .orElseThrow(() -> new IllegalStateException("CRM " + mapping.crmModule() + " " + crmId
                        + " was written but cannot be read back"));
        String crmFingerprint = steps.item(run.module(), item.record(), written, item.inventoryParentId()).fingerprint();
        Binding b = new Binding(run.module(), item.kind(), crmId, item.inventoryId(), item.inventoryParentId(),
                crmFingerprint, item.inventoryFingerprint(), CrmClient.parseTime(written.get("Modified_Time")),
                item.inventoryModifiedTime());
        boolean created = item.getAction() == Action.CREATE || "insert".equals(result.action());
        Optional<Binding> existing = bindings.byCrmId(run.module(), item.kind(), crmId);
        if (existing.isPresent() && existing.get().inventoryId().equals(item.inventoryId())) {
            bindings.touch(b);
            bindings.clearPendingCreate(run.module(), item.kind(), SyncDirection.PUSH, item.inventoryId());
        } else {
            bindings.bind(b, SyncDirection.PUSH, item.inventoryId());
        }
        run.add(SyncDirection.PUSH, created ? Count.CREATED : Count.UPDATED);
    }

    private static List<Map<String, Object>> payloads(List<PushItem> items) {
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (PushItem item : items) {
            out.add(item.payload());
        }
        return out;
    }

    private static String keyOf(RecordMapping mapping, PushItem item) {
        Object v = item.payload().get(mapping.crmKeyField());
        return v == null ? null : v.toString();
    }
}
