package io.crminventorysync.sync.push;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmWriteResult;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncErrors;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.push.PushItem.Action;
import io.crminventorysync.sync.record.CrmGateway;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.sync.record.AmbiguousWrites;
import io.crminventorysync.sync.record.ContactPersons;
import io.crminventorysync.sync.record.DuplicateRule;
import io.crminventorysync.sync.record.PairRemoval;
import io.crminventorysync.sync.record.RecordMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Writes the planned {@link PushItem}s to CRM in batches of up to 100 (the client splits) and
 * handles every per-record result on its own: a success is bound with the fingerprints of both
 * sides, a refusal is a push error naming the Inventory record, CRM's reason and field, and the
 * rest of the batch lands.
 */
@Component("crmBatchWriter")
public class CrmBatchWriter {

    /** CRM's single-line fields hold 255 characters; a clone's name is cut to fit. */
    private static final int MAX_NAME = 200;

    private final RecordMapper mapper;
    private final BindingStore bindings;
    private final CrmGateway crm;
    private final RunStore history;
    private final SyncErrors errors;
    private final PairRemoval removal;

    public CrmBatchWriter(RecordMapper mapper, BindingStore bindings, CrmGateway crm, RunStore history, SyncErrors errors,
            PairRemoval removal) {
        this.removal = removal;
        this.mapper = mapper;
        this.bindings = bindings;
        this.crm = crm;
        this.history = history;
        this.errors = errors;
    }

    /** The PushItems of one record type, all of one page. */
    public void write(@Body List<PushItem> items, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        if (items == null || items.isEmpty()) {
            return;
        }
        RecordType type = items.get(0).type();
        RecordMapping mapping = mapper.mapping(type);
        List<PushItem> inserts = new ArrayList<>();
        List<PushItem> upserts = new ArrayList<>();
        List<PushItem> updates = new ArrayList<>();
        Map<String, List<Map<String, Object>>> accountContacts = new HashMap<>();
        for (PushItem item : items) {
            if (item.getAction() == Action.UPDATE) {
                updates.add(item);
            } else if (bindings.pendingCreate(run.module(), type.kind(), Flow.PUSH, item.inventoryId()).isPresent()) {
                // Sent by an earlier run that never bound it (a crash, a timeout): an upsert on the key
                // field finds the record if CRM created it, instead of creating a second one.
                upserts.add(item);
            } else if (item.type() == RecordType.PERSON && adoptedAmongAccountContacts(run, item, accountContacts)) {
                updates.add(item);
            } else if (keepAfterDuplicateCheck(run, mapping, item)) {
                (item.getAction() == Action.UPDATE ? updates : inserts).add(item);
            }
        }
        for (PushItem item : inserts) {
            String key = mapper.crmKey(type, item.payload());
            bindings.journalCreate(run.module(), type.kind(), Flow.PUSH, item.inventoryId(), key == null ? "" : key);
        }
        if (!inserts.isEmpty()) {
            List<CrmWriteResult> results;
            try {
                results = crm.insert(mapping.crmModule(), payloads(inserts));
            } catch (ZohoApiException e) {
                if (e.kind() == ZohoApiException.Kind.DAILY_LIMIT) {
                    // refused before it was sent: nothing can have been created
                    inserts.forEach(i -> bindings.clearPendingCreate(run.module(), type.kind(), Flow.PUSH, i.inventoryId()));
                }
                if (!AmbiguousWrites.isAmbiguous(e)) {
                    throw e;
                }
                // the insert may have landed: sent again as an upsert on the key, it cannot make a record twice
                results = crm.upsert(mapping.crmModule(), payloads(inserts), checkFields(type, mapping, inserts));
            }
            handle(run, mapping, inserts, results);
        }
        if (!upserts.isEmpty()) {
            handle(run, mapping, upserts, crm.upsert(mapping.crmModule(), payloads(upserts), checkFields(type, mapping, upserts)));
        }
        if (!updates.isEmpty()) {
            handle(run, mapping, updates, crm.update(mapping.crmModule(), payloads(updates)));
        }
    }

    /**
     * A new Inventory contact person of a bound customer may already be a contact of its CRM account
     * (the account was taken over, or created by an interrupted run): matched by e-mail, then first and
     * last name, among the account's contacts (read once per account), it is updated and bound, never
     * added a second time. A contact already bound to another person is not taken.
     */
    private boolean adoptedAmongAccountContacts(RunProgress run, PushItem item,
            Map<String, List<Map<String, Object>>> accountContacts) {
        RecordMapping person = mapper.mapping(RecordType.PERSON);
        Object parent = person.crmParentField().map(item.payload()::get).orElse(null);
        if (!(parent instanceof Map<?, ?> link) || link.get("id") == null) {
            return false;
        }
        String accountId = link.get("id").toString();
        List<Map<String, Object>> contacts = accountContacts.computeIfAbsent(accountId, id -> new ArrayList<>(
                crm.related(mapper.mapping(RecordType.ACCOUNT).crmModule(), id, person.crmModule(), person.crmFields())));
        Optional<Map<String, Object>> match = ContactPersons.matchCrm(contacts, item.payload()).filter(c ->
                bindings.byCrmId(run.module(), item.type().kind(), String.valueOf(c.get("id"))).isEmpty());
        if (match.isEmpty()) {
            return false;
        }
        contacts.remove(match.get());
        item.update(String.valueOf(match.get().get("id")));
        return true;
    }

    /**
     * An unbound Inventory record whose key matches a CRM record follows the module's duplicate
     * policy ({@link DuplicateRule}). Returns false when the record is skipped.
     */
    private boolean keepAfterDuplicateCheck(RunProgress run, RecordMapping mapping, PushItem item) {
        String key = mapper.crmKey(item.type(), item.payload());
        if (key == null || key.isBlank()) {
            return true;
        }
        List<Map<String, Object>> matches = crm.findByKey(mapping.crmModule(), mapping.crmKeyField(), key);
        if (matches.isEmpty()) {
            return true;
        }
        String existingId = String.valueOf(matches.get(0).get("id"));
        Optional<String> owner = bindings.byCrmId(run.module(), item.type().kind(), existingId).map(Binding::inventoryId);
        DuplicatePolicy policy = run.settings().duplicatePolicy();
        switch (DuplicateRule.decide(policy, owner)) {
            case CLONE -> {
                if (item.type() != RecordType.PERSON) {
                    // a person's key is the e-mail, which a second CRM contact may share
                    item.payload().put(mapping.crmKeyField(), DuplicateRule.cloneName(key, item.inventoryId(), MAX_NAME));
                }
                return true;
            }
            case OVERWRITE -> {
                item.update(existingId);
                return true;
            }
            default -> {
                run.add(Flow.PUSH, Count.SKIPPED);
                history.addError(run.runId(), Flow.PUSH, EntryKind.DUPLICATE_SKIPPED, item.inventoryId(), mapping.crmKeyField(),
                        DuplicateRule.skipReason("CRM " + mapping.crmModule(), key, existingId, owner, "Inventory record", policy),
                        null);
                return false;
            }
        }
    }

    private void handle(RunProgress run, RecordMapping mapping, List<PushItem> sent, List<CrmWriteResult> results) {
        for (int i = 0; i < sent.size(); i++) {
            PushItem item = sent.get(i);
            CrmWriteResult result = results.get(i);
            if (!result.isSuccess() && item.getAction() == Action.UPDATE && isGone(result)) {
                // the bound CRM record was deleted or merged away: the delete policy decides
                removal.crmGone(run, item.type(), bindings.byCrmId(run.module(), item.type().kind(), item.getCrmId())
                        .orElseThrow(), Flow.PUSH);
                run.add(Flow.PUSH, Count.SKIPPED);
                continue;
            }
            if (!result.isSuccess()) {
                errors.record(run, Flow.PUSH, item.inventoryId(), result.field(),
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
                errors.record(run, Flow.PUSH, item.inventoryId(), e, item.payload());
            }
        }
    }

    /**
     * Binds the written record with what each side now holds. The CRM record is read back, so the
     * binding's CRM-side fingerprint is the one the next pull computes: our write does not come back.
     */
    private void bind(RunProgress run, RecordMapping mapping, PushItem item, CrmWriteResult result) {
        String crmId = result.id() != null ? result.id() : item.getCrmId();
        Map<String, Object> written = crm.read(mapping.crmModule(), crmId)
                .orElseThrow(() -> new IllegalStateException("CRM " + mapping.crmModule() + " " + crmId
                        + " was written but cannot be read back"));
        String crmFingerprint = mapper.crmFingerprint(item.type(), mapper.toInventory(item.type(), written, true),
                item.inventoryParentId());
        Binding b = new Binding(run.module(), item.type().kind(), crmId, item.inventoryId(), item.inventoryParentId(),
                crmFingerprint, item.inventoryFingerprint(), CrmClient.parseTime(written.get("Modified_Time")),
                item.inventoryModifiedTime(), item.base());
        boolean created = item.getAction() == Action.CREATE || "insert".equals(result.action());
        Optional<Binding> existing = bindings.byCrmId(run.module(), item.type().kind(), crmId);
        if (existing.isPresent() && existing.get().inventoryId().equals(item.inventoryId())) {
            bindings.touch(b);
            bindings.clearPendingCreate(run.module(), item.type().kind(), Flow.PUSH, item.inventoryId());
        } else {
            bindings.bind(b, Flow.PUSH, item.inventoryId());
        }
        run.add(Flow.PUSH, created ? Count.CREATED : Count.UPDATED);
    }

    /** The upsert's key: the mapping's key field, or CRM's system key when the records lack it (an individual's Full_Name). */
    private List<String> checkFields(RecordType type, RecordMapping mapping, List<PushItem> items) {
        return mapper.crmKey(type, items.get(0).payload()) == null ? null : List.of(mapping.crmKeyField());
    }

    /** CRM's answer to an update of a record it no longer has: INVALID_DATA naming the id. */
    private static boolean isGone(CrmWriteResult result) {
        return "INVALID_DATA".equals(result.rawCode()) && "id".equals(result.field());
    }

    private static List<Map<String, Object>> payloads(List<PushItem> items) {
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (PushItem item : items) {
            out.add(item.payload());
        }
        return out;
    }
}
