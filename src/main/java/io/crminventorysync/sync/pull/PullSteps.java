package io.crminventorysync.sync.pull;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.mapping.MappingContext;
import io.crminventorysync.mapping.MappingRegistry;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.SyncDirection;
import io.crminventorysync.sync.SyncRuns;
import io.crminventorysync.sync.pull.PullItem.Action;
import io.crminventorysync.sync.push.Conflicts;
import io.crminventorysync.mapping.MappingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of pulling one CRM record into Inventory, called in order by the routes:
 * {@link #map}, then (past the idempotent repository) {@link #resolve}, {@link #write}, {@link #bind}.
 */
@Component("pullSteps")
public class PullSteps {

    private static final Logger log = LoggerFactory.getLogger(PullSteps.class);

    /** Exchange property naming the mapping record of the body (account, person, individual, vendor, product). */
    public static final String RECORD = "syncRecord";
    /** Exchange property holding the CRM id being handled, for the error channel. */
    public static final String RECORD_ID = "syncRecordId";
    /** Exchange property holding the Inventory customer id a person belongs to. */
    public static final String PARENT_ID = "syncParentId";

    private final MappingRegistry mappings;
    private final BindingStore bindings;
    private final InventoryGateway inventory;
    private final SyncRuns runs;
    private final RunStore runStore;
    private final FailPoints failPoints;
    private final MappingContext lookups;
    private final Conflicts conflicts;

    public PullSteps(MappingRegistry mappings, BindingStore bindings, InventoryGateway inventory, SyncRuns runs,
            RunStore runStore, FailPoints failPoints, Conflicts conflicts) {
        this.conflicts = conflicts;
        this.mappings = mappings;
        this.bindings = bindings;
        this.inventory = inventory;
        this.runs = runs;
        this.runStore = runStore;
        this.failPoints = failPoints;
        this.lookups = new MappingContext() {
            @Override
            public Optional<String> inventoryIdFor(String module, String crmId) {
                return bindings.byCrmId(module, Binding.RECORD, crmId).map(Binding::inventoryId);
            }

            @Override
            public Optional<String> crmIdFor(String module, String inventoryId) {
                return bindings.byInventoryId(module, Binding.RECORD, inventoryId).map(Binding::crmId);
            }
        };
    }

    public MappingContext lookups() {
        return lookups;
    }

    public RecordMapping mapping(String module, String record) {
        return mappings.module(module).record(record);
    }

    // ------------------------------------------------------------------ map

    /** Body: a CRM record as read; becomes a {@link PullItem} with its mapped values and fingerprint. */
    public PullItem map(Exchange exchange) {
        RunProgress run = runs.progress(exchange);
        String record = exchange.getProperty(RECORD, String.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> crm = exchange.getIn().getBody(Map.class);
        exchange.setProperty(RECORD_ID, String.valueOf(crm.get("id")));
        return item(run.module(), record, crm, exchange.getProperty(PARENT_ID, String.class));
    }

    /**
     * Maps one CRM record. A person's fingerprint also covers the customer it belongs to, so that a
     * contact moved to another account counts as changed.
     */
    public PullItem item(String module, String record, Map<String, Object> crm, String parentId) {
        RecordMapping m = mapping(module, record);
        Map<String, Object> payload = m.toInventory(crm, lookups, true);
        Map<String, Object> fingerprinted = payload;
        if (parentId != null) {
            fingerprinted = new LinkedHashMap<>(payload);
            fingerprinted.put("$parent", parentId);
        }
        String kind = "person".equals(record) ? Binding.PERSON : Binding.RECORD;
        PullItem item = new PullItem(module, record, kind, String.valueOf(crm.get("id")), crm, payload,
                RecordMapping.fingerprint(fingerprinted), CrmClient.parseTime(crm.get("Modified_Time")));
        item.setInventoryParentId(parentId);
        return item;
    }

    /**
     * The Inventory-side fingerprint: the Inventory record mapped to CRM (push and both fields), a
     * person's covering its customer like the CRM-side one does. The push compares it with the
     * binding's to tell an Inventory change from our own write coming back.
     */
    public String inventoryFingerprint(String module, String record, Map<String, Object> inventoryRecord, String parentId) {
        Map<String, Object> crm = mapping(module, record).toCrm(inventoryRecord, lookups, false);
        if (parentId != null) {
            crm = new LinkedHashMap<>(crm);
            crm.put("$parent", parentId);
        }
        return RecordMapping.fingerprint(crm);
    }

    /** Notes what Inventory holds after our write, so the binding stores it and the push sees no change. */
    void seen(PullItem item, Map<String, Object> written) {
        if (written == null) {
            return;
        }
        try {
            item.setInventoryFingerprint(inventoryFingerprint(item.module(), item.record(), written, item.getInventoryParentId()));
        } catch (MappingException unmappable) {
            // A value CRM cannot take (e.g. an unbound lookup): the next push reports it on the record.
            item.setInventoryFingerprint(null);
        }
        item.setInventoryModifiedTime(InventoryClient.parseTime(written.get("last_modified_time")));
    }

    // ------------------------------------------------------------------ resolve

    /**
     * Decides create or update: a bound record is updated; a record whose create was sent but never
     * bound (crash, failure in between) is looked up by the name it was created under and adopted;
     * anything else is created (a name already taken in Inventory is then a duplicate, see {@link #write}).
     */
    public void resolve(PullItem item) {
        Optional<Binding> binding = bindings.byCrmId(item.module(), item.kind(), item.crmId());
        item.setBinding(binding.orElse(null));
        if (binding.isPresent()) {
            item.setAction(Action.UPDATE);
            item.setInventoryId(binding.get().inventoryId());
            return;
        }
        String entity = mapping(item.module(), item.record()).inventoryEntity();
        Optional<String> pending = bindings.pendingCreate(item.module(), item.kind(), SyncDirection.PULL, item.crmId());
        if (pending.isPresent() && !InventoryGateway.PERSON.equals(entity)) {
            Optional<Map<String, Object>> existing = inventory.findByKey(entity, pending.get());
            if (existing.isPresent()) {
                log.info("{}: adopting Inventory {} '{}' created by an interrupted earlier run", item, entity, pending.get());
                item.setAction(Action.UPDATE);
                item.setInventoryId(InventoryGateway.idOf(entity, existing.get()));
                item.setReason("adopted");
                return;
            }
        }
        item.setAction(Action.CREATE);
        item.setTargetName(keyValue(item));
    }

    /**
     * Two-way, a contact person: like {@link #settleConflict} for a record, against the person as
     * its customer lists it now. Returns the payload to write to the person.
     */
    Map<String, Object> settlePerson(PullItem person, Binding bound, RunProgress run) {
        String customerId = person.getInventoryParentId();
        Optional<Map<String, Object>> current = inventory.persons(customerId).stream()
                .filter(p -> bound.inventoryId().equals(String.valueOf(p.get("contact_person_id")))).findFirst();
        if (current.isEmpty() || inventoryFingerprint(person.module(), person.record(), current.get(), customerId)
                .equals(bound.inventoryFingerprint())) {
            return person.payload();
        }
        RecordMapping m = mapping(person.module(), person.record());
        Conflicts.Resolution r = conflicts.resolve(run, m, person.crmId(), bound.inventoryId(), person.crm(), current.get(), lookups);
        if (!r.crmChanges().isEmpty()) {
            conflicts.writeToCrm(m.crmModule(), person.crmId(), r.crmChanges());
        }
        person.setBoundFingerprint(item(person.module(), person.record(), r.merged(), customerId).fingerprint());
        return m.toInventory(r.merged(), lookups, true);
    }

    // ------------------------------------------------------------------ write

    /** Creates or updates the Inventory record as decided, applying the duplicate policy on a name clash. */
    public void write(Exchange exchange) {
        PullItem item = exchange.getIn().getBody(PullItem.class);
        RunProgress run = runs.progress(exchange);
        String entity = mapping(item.module(), item.record()).inventoryEntity();
        if (item.getAction() == Action.UPDATE) {
            update(item, entity, run);
        } else if (item.getAction() == Action.CREATE) {
            if (InventoryGateway.ITEM.equals(entity)) {
                Optional<Map<String, Object>> clash = findItemClash(item);
                if (clash.isPresent()) {
                    duplicate(item, entity, clash.get(), run);
                    return;
                }
            }
            try {
                create(item, entity, item.getTargetName());
            } catch (ZohoApiException e) {
                if (e.kind() != ZohoApiException.Kind.DUPLICATE) {
                    // The journal entry stays: a 5xx or a timeout may come after Inventory created
                    // the record, and the next run then finds it by name instead of creating it again.
                    throw e;
                }
                Map<String, Object> existing = inventory.findByKey(entity, item.getTargetName())
                        .orElseThrow(() -> e);
                duplicate(item, entity, existing, run);
            }
        }
    }

    private void create(PullItem item, String entity, String name) {
        Map<String, Object> payload = new LinkedHashMap<>(item.payload());
        String keyField = mapping(item.module(), item.record()).inventoryKeyField();
        if (name != null) {
            payload.put(keyField, name);
        }
        if (!item.getPersons().isEmpty()) {
            payload.put("contact_persons", personsPayload(item.getPersons()));
        }
        bindings.journalCreate(item.module(), item.kind(), SyncDirection.PULL, item.crmId(), name == null ? "" : name);
        Map<String, Object> created = inventory.create(entity, payload);
        item.setInventoryId(InventoryGateway.idOf(entity, created));
        seen(item, created);
        failPoints.check(FailPoints.AFTER_INVENTORY_CREATE);
        bindInlinePersons(item, created);
    }

    private void update(PullItem item, String entity, RunProgress run) {
        Optional<Binding> binding = Optional.ofNullable(item.getBinding());
        if (binding.isPresent() && item.fingerprint().equals(binding.get().crmFingerprint())) {
            // Already written (the idempotent repository forgot it, e.g. after a settings change).
            item.setReason("unchanged");
            return;
        }
        Map<String, Object> crm = item.crm();
        if (binding.isPresent() && run.settings().twoWay() && binding.get().inventoryFingerprint() != null) {
            crm = settleConflict(item, entity, binding.get(), run);
        }
        Map<String, Object> payload = mapping(item.module(), item.record()).toInventory(crm, lookups, false);
        if ("individual".equals(item.record())) {
            attachPersonId(item, payload);
        }
        seen(item, inventory.update(entity, item.getInventoryId(), payload));
    }

    /**
     * Two-way: CRM changed a bound record; if Inventory changed it too since the last sync (its
     * fingerprint differs from the binding's), the conflict policy decides field by field and the
     * fields Inventory won are written to CRM. Returns the CRM record as it must now read.
     */
    private Map<String, Object> settleConflict(PullItem item, String entity, Binding binding, RunProgress run) {
        Optional<Map<String, Object>> current = inventory.get(entity, item.getInventoryId());
        if (current.isEmpty() || inventoryFingerprint(item.module(), item.record(), current.get(),
                item.getInventoryParentId()).equals(binding.inventoryFingerprint())) {
            return item.crm();
        }
        RecordMapping m = mapping(item.module(), item.record());
        Conflicts.Resolution r = conflicts.resolve(run, m, item.crmId(), item.getInventoryId(), item.crm(), current.get(), lookups);
        if (!r.crmChanges().isEmpty()) {
            conflicts.writeToCrm(m.crmModule(), item.crmId(), r.crmChanges());
        }
        item.setBoundFingerprint(item(item.module(), item.record(), r.merged(), item.getInventoryParentId()).fingerprint());
        item.setReason("conflict settled by " + run.settings().conflictPolicy());
        return r.merged();
    }

    /**
     * An unbound CRM record whose key matches an Inventory record: SKIP leaves both alone, OVERWRITE
     * updates the Inventory record and binds it, CLONE creates a second record under
     * {@link #cloneName}. A match already bound to another CRM record is never overwritten.
     */
    private void duplicate(PullItem item, String entity, Map<String, Object> existing, RunProgress run) {
        String existingId = InventoryGateway.idOf(entity, existing);
        DuplicatePolicy policy = run.settings().duplicatePolicy();
        Optional<Binding> owner = bindings.byInventoryId(item.module(), item.kind(), existingId);
        if (policy == DuplicatePolicy.CLONE) {
            String clone = cloneName(keyValue(item), item.crmId(), 200);
            Optional<Map<String, Object>> earlierClone = inventory.findByKey(entity, clone);
            if (earlierClone.isPresent()) {
                item.setInventoryId(InventoryGateway.idOf(entity, earlierClone.get()));
                item.setAction(Action.UPDATE);
                update(item, entity, run);
            } else {
                item.setTargetName(clone);
                Map<String, Object> payload = item.payload();
                if (InventoryGateway.ITEM.equals(entity) && payload.get("sku") != null) {
                    payload.put("sku", cloneSku(String.valueOf(payload.get("sku")), item.crmId()));
                }
                create(item, entity, clone);
            }
            item.setReason("cloned as '" + clone + "'");
            return;
        }
        if (policy == DuplicatePolicy.OVERWRITE && owner.isEmpty()) {
            item.setAction(Action.UPDATE);
            item.setInventoryId(existingId);
            item.setReason("overwrote the existing Inventory " + entity + " " + existingId);
            bindings.clearPendingCreate(item.module(), item.kind(), SyncDirection.PULL, item.crmId());
            seen(item, inventory.update(entity, existingId,
                    mapping(item.module(), item.record()).toInventory(item.crm(), lookups, false)));
            return;
        }
        bindings.clearPendingCreate(item.module(), item.kind(), SyncDirection.PULL, item.crmId());
        item.setAction(Action.SKIP_DUPLICATE);
        item.setInventoryId(existingId);
        item.setReason(owner.isPresent()
                ? "Inventory " + entity + " '" + keyValue(item) + "' (" + existingId + ") is already bound to CRM record "
                        + owner.get().crmId() + "; not overwritten (duplicate policy " + policy + ")"
                : "Inventory " + entity + " '" + keyValue(item) + "' (" + existingId + ") already exists; skipped (duplicate policy SKIP)");
    }

    private Optional<Map<String, Object>> findItemClash(PullItem item) {
        Optional<Map<String, Object>> byName = inventory.findByKey(InventoryGateway.ITEM, item.getTargetName());
        if (byName.isPresent()) {
            return byName;
        }
        Object sku = item.payload().get("sku");
        return sku == null || sku.toString().isBlank() ? Optional.empty() : inventory.findItemBySku(sku.toString());
    }

    /**
     * The documented name of a clone: the original name, a space, and the CRM id in parentheses,
     * shortened so the whole fits the target's length: "Aztec Technologies (4150868000000376008)".
     * Deterministic, so a re-run finds the clone it made instead of making another.
     */
    public static String cloneName(String name, String crmId, int maxLength) {
        String suffix = " (" + crmId + ")";
        String base = name == null ? "" : name;
        if (base.length() + suffix.length() > maxLength) {
            base = base.substring(0, Math.max(0, maxLength - suffix.length()));
        }
        return base + suffix;
    }

    /** A clone's SKU: Inventory SKUs are unique, so the clone's carries the CRM id: "AZ-100-4150868000000376008". */
    public static String cloneSku(String sku, String crmId) {
        return sku + "-" + crmId;
    }

    // ------------------------------------------------------------------ bind and count

    /** Stores the binding with the fingerprint of what was written: the step that records success. */
    public void bind(Exchange exchange) {
        PullItem item = exchange.getIn().getBody(PullItem.class);
        if (item.getAction() != Action.SKIP_DUPLICATE) {
            store(item);
        }
    }

    /**
     * Writes a record's or a person's binding: touched in place when it still points at the same
     * Inventory record, replaced (with its create journal cleared) otherwise. Uses the binding the
     * record was resolved against, read once per record.
     */
    void store(PullItem item) {
        Optional<Binding> same = Optional.ofNullable(item.getBinding())
                .filter(e -> e.inventoryId().equals(item.getInventoryId()));
        // Nothing written (unchanged): what Inventory held stays what the binding says it held.
        String inventoryFingerprint = item.getInventoryFingerprint() != null ? item.getInventoryFingerprint()
                : same.map(Binding::inventoryFingerprint).orElse(null);
        Instant inventoryModified = item.getInventoryModifiedTime() != null ? item.getInventoryModifiedTime()
                : same.map(Binding::inventoryModifiedTime).orElse(Instant.now());
        Binding b = new Binding(item.module(), item.kind(), item.crmId(), item.getInventoryId(),
                item.getInventoryParentId(), item.getBoundFingerprint(), inventoryFingerprint, item.crmModifiedTime(),
                inventoryModified);
        if (same.isPresent()) {
            bindings.touch(b);
        } else {
            bindings.bind(b, SyncDirection.PULL, item.crmId());
        }
    }

    /** Counts the record's outcome and notes skipped duplicates in the run's history. */
    public void count(Exchange exchange) {
        PullItem item = exchange.getIn().getBody(PullItem.class);
        RunProgress run = runs.progress(exchange);
        if (item.getAction() == Action.SKIP_DUPLICATE) {
            run.add(SyncDirection.PULL, Count.SKIPPED);
            runStore.addError(run.runId(), SyncDirection.PULL, "DUPLICATE_SKIPPED", item.crmId(), null, item.getReason(), null);
        } else if ("unchanged".equals(item.getReason())) {
            run.add(SyncDirection.PULL, Count.SKIPPED);
        } else if (item.getAction() == Action.CREATE) {
            run.add(SyncDirection.PULL, Count.CREATED, 1 + item.getPersons().size());
        } else {
            run.add(SyncDirection.PULL, Count.UPDATED);
        }
    }

    /** A record the idempotent repository has seen with the same fingerprint: no API call at all. */
    public void unchanged(Exchange exchange) {
        runs.progress(exchange).add(SyncDirection.PULL, Count.SKIPPED);
    }

    // ------------------------------------------------------------------ persons inline with a new customer

    /**
     * The primary contact person of a new customer is chosen by a documented, deterministic rule:
     * the CRM contact created first (Created_Time), ties broken by the smaller CRM id.
     */
    static List<Map<String, Object>> personsPayload(List<PullItem> persons) {
        PullItem primary = primaryOf(persons);
        List<Map<String, Object>> out = new ArrayList<>();
        for (PullItem p : persons) {
            Map<String, Object> person = new LinkedHashMap<>(p.payload());
            if (p == primary) {
                person.put("is_primary_contact", true);
            }
            out.add(person);
        }
        return out;
    }

    static PullItem primaryOf(List<PullItem> persons) {
        PullItem best = null;
        for (PullItem p : persons) {
            if (best == null || comparePrimary(p, best) < 0) {
                best = p;
            }
        }
        return best;
    }

    private static int comparePrimary(PullItem a, PullItem b) {
        Instant ta = CrmClient.parseTime(a.crm().get("Created_Time"));
        Instant tb = CrmClient.parseTime(b.crm().get("Created_Time"));
        if (ta != null && tb != null && !ta.equals(tb)) {
            return ta.compareTo(tb);
        }
        if (ta != null && tb == null) {
            return -1;
        }
        if (ta == null && tb != null) {
            return 1;
        }
        return compareIds(a.crmId(), b.crmId());
    }

    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /**
     * Binds the persons Inventory created inline with a customer. Inventory answers them in the
     * order sent; each is matched by name and email as well, so a reordering cannot cross-bind.
     */
    private void bindInlinePersons(PullItem customer, Map<String, Object> created) {
        List<PullItem> persons = new ArrayList<>(customer.getPersons());
        if ("individual".equals(customer.record())) {
            persons = List.of(personOfIndividual(customer));
        }
        if (persons.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> answered = (List<Map<String, Object>>) created.getOrDefault("contact_persons", List.of());
        List<Map<String, Object>> unmatched = new ArrayList<>(answered);
        for (PullItem person : persons) {
            Map<String, Object> match = null;
            for (Map<String, Object> a : unmatched) {
                if (samePerson(person.payload(), a)) {
                    match = a;
                    break;
                }
            }
            if (match == null) {
                continue;
            }
            unmatched.remove(match);
            boolean contactPerson = "person".equals(person.record());
            // The fingerprints a later run computes for this person cover its customer: stored so,
            // a contact read again unchanged costs no write (and an Inventory person no push).
            String crmFingerprint = contactPerson
                    ? item(customer.module(), "person", person.crm(), customer.getInventoryId()).fingerprint()
                    : person.fingerprint();
            String personFingerprint = contactPerson
                    ? inventoryFingerprint(customer.module(), "person", match, customer.getInventoryId()) : null;
            bindings.bind(new Binding(customer.module(), Binding.PERSON, person.crmId(),
                    InventoryGateway.idOf(InventoryGateway.PERSON, match), customer.getInventoryId(),
                    crmFingerprint, personFingerprint, person.crmModifiedTime(), Instant.now()),
                    SyncDirection.PULL, person.crmId());
        }
    }

    private PullItem personOfIndividual(PullItem individual) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inline = (List<Map<String, Object>>) individual.payload().get("contact_persons");
        Map<String, Object> person = inline == null || inline.isEmpty() ? Map.of() : inline.get(0);
        return new PullItem(individual.module(), "person", Binding.PERSON, individual.crmId(), individual.crm(),
                person, individual.fingerprint(), individual.crmModifiedTime());
    }

    private void attachPersonId(PullItem individual, Map<String, Object> payload) {
        Object persons = payload.get("contact_persons");
        Optional<Binding> person = bindings.byCrmId(individual.module(), Binding.PERSON, individual.crmId());
        if (persons instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first && person.isPresent()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) first;
            p.put("contact_person_id", person.get().inventoryId());
        }
    }

    static boolean samePerson(Map<String, Object> sent, Map<String, Object> answered) {
        for (String field : List.of("first_name", "last_name", "email")) {
            Object s = sent.get(field);
            Object a = answered.get(field);
            String sv = s == null ? "" : s.toString();
            String av = a == null ? "" : a.toString();
            if (!sv.equalsIgnoreCase(av)) {
                return false;
            }
        }
        return true;
    }

    private String keyValue(PullItem item) {
        Object v = item.payload().get(mapping(item.module(), item.record()).inventoryKeyField());
        return v == null ? null : v.toString();
    }
}
