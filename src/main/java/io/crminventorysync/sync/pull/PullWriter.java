package io.crminventorysync.sync.pull;

import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.record.AmbiguousWrites;
import io.crminventorysync.sync.record.ConflictSettler;
import io.crminventorysync.sync.record.CreateLocks;
import io.crminventorysync.sync.record.DuplicateRule;
import io.crminventorysync.sync.record.InventoryEntity;
import io.crminventorysync.sync.record.InventoryGateway;
import io.crminventorysync.sync.record.ItemListing;
import io.crminventorysync.sync.record.KeyLocks;
import io.crminventorysync.sync.record.Outcome;
import io.crminventorysync.sync.record.PairRemoval;
import io.crminventorysync.sync.record.RecordMapper;
import io.crminventorysync.sync.pull.PullItem.Action;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Writes one resolved record to Inventory: an update of the bound record (settling what both sides
 * changed, in two-way), or a create, applying the duplicate policy when the key is taken.
 */
@Component("pullWriter")
public class PullWriter {

    /** Inventory's longest contact_name and item name in the mappings; clones are cut to fit. */
    private static final int MAX_NAME = 200;

    private final RecordMapper mapper;
    private final BindingStore bindings;
    private final InventoryGateway inventory;
    private final ConflictSettler conflicts;
    private final PullRecords records;
    private final PersonWriter persons;
    private final PairRemoval removal;
    private final AmbiguousWrites ambiguous;
    private final ItemListing items;
    /** New items of one name are checked and created one at a time (Inventory lets two items share a name). */
    private final KeyLocks itemNames = new KeyLocks();
    private final CreateLocks creates;

    public PullWriter(RecordMapper mapper, BindingStore bindings, InventoryGateway inventory, ConflictSettler conflicts,
            PullRecords records, PersonWriter persons, PairRemoval removal, AmbiguousWrites ambiguous, ItemListing items,
            CreateLocks creates) {
        this.items = items;
        this.creates = creates;
        this.removal = removal;
        this.ambiguous = ambiguous;
        this.mapper = mapper;
        this.bindings = bindings;
        this.inventory = inventory;
        this.conflicts = conflicts;
        this.records = records;
        this.persons = persons;
    }

    /** Creates or updates the Inventory record as decided, applying the duplicate policy on a key clash. */
    public void write(@Body PullItem item, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        if (item.getOutcome() == Outcome.REMOVED) {
            return;
        }
        InventoryEntity entity = mapper.entity(item.type());
        if (item.getAction() == Action.UPDATE) {
            update(item, entity, run);
            return;
        }
        createOrDuplicate(item, entity, run);
    }

    private void createOrDuplicate(PullItem item, InventoryEntity entity, RunProgress run) {
        creates.run(item.module(), item.crmId(), () -> {
            Optional<Binding> meanwhile = bindings.byCrmId(item.module(), item.type().kind(), item.crmId());
            if (meanwhile.isPresent()) {
                // created and bound for this very record since it was resolved (another module's run looked it up)
                ours(item, entity, meanwhile.get(), run);
            } else if (entity == InventoryEntity.ITEM) {
                // records are written in parallel: the check and the create of one name are not
                itemNames.run(item.getTargetName(), () -> checkedCreate(item, entity, run));
            } else {
                checkedCreate(item, entity, run);
            }
        });
    }

    /** The Inventory record is already this CRM record's: an update (or nothing, if it holds these values). */
    private void ours(PullItem item, InventoryEntity entity, Binding binding, RunProgress run) {
        bindings.clearPendingCreate(item.module(), item.type().kind(), Flow.PULL, item.crmId());
        item.setBinding(binding);
        item.setInventoryId(binding.inventoryId());
        item.setAction(Action.UPDATE);
        update(item, entity, run);
    }

    private void checkedCreate(PullItem item, InventoryEntity entity, RunProgress run) {
        Optional<Map<String, Object>> secondaryClash = secondaryKeyClash(item, entity, run);
        if (secondaryClash.isPresent()) {
            duplicate(item, entity, secondaryClash.get(), run);
            return;
        }
        try {
            create(item, entity, item.getTargetName(), run);
        } catch (ZohoApiException e) {
            if (e.kind() != ZohoApiException.Kind.DUPLICATE) {
                // The journal entry stays: a 5xx or a timeout may come after Inventory created
                // the record, and the next run then finds it by name instead of creating it again.
                throw e;
            }
            Map<String, Object> existing = inventory.findByKey(entity, item.getTargetName()).orElseThrow(() -> e);
            duplicate(item, entity, existing, run);
        }
    }

    private void create(PullItem item, InventoryEntity entity, String name, RunProgress run) {
        Map<String, Object> payload = new LinkedHashMap<>(item.payload());
        if (name != null) {
            payload.put(mapper.mapping(item.type()).inventoryKeyField(), name);
        }
        if (!item.getPersons().isEmpty()) {
            payload.put("contact_persons", persons.inlinePayload(item.getPersons()));
        }
        bindings.journalCreate(item.module(), item.type().kind(), Flow.PULL, item.crmId(), name == null ? "" : name);
        Map<String, Object> created = ambiguous.create(entity + " '" + name + "'", () -> inventory.create(entity, payload),
                () -> landed(item, entity, name),
                () -> bindings.clearPendingCreate(item.module(), item.type().kind(), Flow.PULL, item.crmId()));
        item.setInventoryId(entity.idOf(created));
        if (entity == InventoryEntity.ITEM) {
            items.add(run, created);
        }
        records.seen(item, created);
        persons.bindInline(item, created);
        item.setOutcome(Outcome.CREATED);
    }

    private void update(PullItem item, InventoryEntity entity, RunProgress run) {
        Binding binding = item.getBinding();
        if (binding != null && item.fingerprint().equals(binding.crmFingerprint())) {
            // Already written (the idempotent repository forgot it, e.g. after a settings change).
            item.setOutcome(Outcome.UNCHANGED);
            return;
        }
        Map<String, Object> crm = binding == null ? item.crm() : settleIfBothChanged(item, binding, run);
        Map<String, Object> payload = mapper.toInventory(item.type(), crm, false);
        if (persons.hasOwnPerson(item.type())) {
            persons.attachPersonId(item, payload);
        }
        try {
            records.seen(item, inventory.update(entity, item.getInventoryId(), payload));
        } catch (ZohoApiException e) {
            if (e.kind() != ZohoApiException.Kind.NOT_FOUND || binding == null) {
                throw e;
            }
            gone(item, entity, binding, run);
            return;
        }
        item.setOutcome(Outcome.UPDATED);
    }

    /**
     * The bound Inventory record is gone (deleted in Inventory): the delete policy decides; under
     * RECREATE the record is created again in this run (an account's contacts follow one by one, see
     * AccountGroups#personsToWrite).
     */
    private void gone(PullItem item, InventoryEntity entity, Binding binding, RunProgress run) {
        item.setBinding(null);
        item.setInventoryId(null);
        if (removal.inventoryGone(run, item.type(), binding, Flow.PULL) == PairRemoval.Next.NOTHING) {
            item.setOutcome(Outcome.REMOVED);
            return;
        }
        item.setRecreated(true);
        item.setAction(Action.CREATE);
        item.setTargetName(mapper.inventoryKey(item.type(), item.payload()));
        createOrDuplicate(item, entity, run);
    }

    /**
     * Two-way: CRM changed a bound record or person; if Inventory changed it too since the last sync
     * (its fingerprint differs from the binding's), the two are merged field by field against the
     * binding's base (ConflictSettler) and the fields Inventory holds the newer value of are written
     * to CRM. Returns the CRM record as it must now read.
     */
    Map<String, Object> settleIfBothChanged(PullItem item, Binding binding, RunProgress run) {
        if (!run.settings().twoWay() || binding.inventoryFingerprint() == null) {
            return item.crm();
        }
        Optional<Map<String, Object>> current = inventory.current(mapper.entity(item.type()), binding.inventoryId(),
                item.inventoryParentId());
        if (current.isEmpty() || mapper.inventoryFingerprint(item.type(), current.get(), item.inventoryParentId())
                .equals(binding.inventoryFingerprint())) {
            return item.crm();
        }
        ConflictSettler.Settlement s = conflicts.settle(run, item.type(), item.crmId(), binding.inventoryId(),
                item.crm(), current.get(), mapper.base(binding.base()));
        item.setBoundFingerprint(records.item(item.type(), s.merged(), item.inventoryParentId()).fingerprint());
        return s.merged();
    }

    /**
     * An unbound CRM record whose key matches an Inventory record: SKIP leaves both alone, OVERWRITE
     * updates the Inventory record and binds it, CLONE creates a second record under
     * {@link DuplicateRule#cloneName}. A match already bound to another CRM record is never overwritten.
     */
    private void duplicate(PullItem item, InventoryEntity entity, Map<String, Object> existing, RunProgress run) {
        String existingId = entity.idOf(existing);
        Optional<Binding> bound = bindings.byInventoryId(item.module(), item.type().kind(), existingId);
        if (bound.isPresent() && bound.get().crmId().equals(item.crmId())) {
            // not a duplicate: made for this record by another node's run that looked it up
            ours(item, entity, bound.get(), run);
            return;
        }
        Optional<String> owner = bound.map(Binding::crmId);
        String key = mapper.inventoryKey(item.type(), item.payload());
        switch (DuplicateRule.decide(run.settings().duplicatePolicy(), owner)) {
            case CLONE -> clone(item, entity, key, run);
            case OVERWRITE -> {
                item.setAction(Action.UPDATE);
                item.setInventoryId(existingId);
                item.setNote("overwrote the existing Inventory " + entity + " " + existingId);
                bindings.clearPendingCreate(item.module(), item.type().kind(), Flow.PULL, item.crmId());
                records.seen(item, inventory.update(entity, existingId, mapper.toInventory(item.type(), item.crm(), false)));
                item.setOutcome(Outcome.UPDATED);
            }
            case SKIP -> {
                bindings.clearPendingCreate(item.module(), item.type().kind(), Flow.PULL, item.crmId());
                item.setInventoryId(existingId);
                item.setNote(DuplicateRule.skipReason("Inventory " + entity, key, existingId, owner, "CRM record",
                        run.settings().duplicatePolicy()));
                item.setOutcome(Outcome.DUPLICATE_SKIPPED);
            }
        }
    }

    private void clone(PullItem item, InventoryEntity entity, String key, RunProgress run) {
        String clone = DuplicateRule.cloneName(key, item.crmId(), MAX_NAME);
        Optional<Map<String, Object>> earlierClone = entity == InventoryEntity.ITEM ? items.byName(run, clone)
                : inventory.findByKey(entity, clone);
        if (earlierClone.isPresent()) {
            item.setInventoryId(entity.idOf(earlierClone.get()));
            item.setAction(Action.UPDATE);
            update(item, entity, run);
        } else {
            item.setTargetName(clone);
            mapper.mapping(item.type()).inventorySecondaryKeyField().ifPresent(field -> {
                Object secondary = item.payload().get(field);
                if (secondary != null) {
                    item.payload().put(field, DuplicateRule.cloneSecondaryKey(secondary.toString(), item.crmId()));
                }
            });
            create(item, entity, clone, run);
        }
        item.setNote("cloned as '" + clone + "'");
    }

    /** The record a create made, found by the name it was created under (items: then by SKU), read whole. */
    private Optional<Map<String, Object>> landed(PullItem item, InventoryEntity entity, String name) {
        Optional<Map<String, Object>> found = name == null ? Optional.empty() : inventory.findByKey(entity, name);
        if (found.isEmpty()) {
            found = mapper.mapping(item.type()).inventorySecondaryKeyField().map(item.payload()::get)
                    .filter(v -> !v.toString().isBlank())
                    .flatMap(v -> inventory.findBySecondaryKey(entity, v.toString()));
        }
        return found.flatMap(r -> inventory.current(entity, entity.idOf(r), null));
    }

    /**
     * A new record whose name is free may still clash on its secondary key (an item's SKU is unique
     * in Inventory): looked up by name first, then by the secondary key, before the create.
     */
    private Optional<Map<String, Object>> secondaryKeyClash(PullItem item, InventoryEntity entity, RunProgress run) {
        RecordMapping mapping = mapper.mapping(item.type());
        if (mapping.inventorySecondaryKeyField().isEmpty()) {
            return Optional.empty();
        }
        Object secondary = item.payload().get(mapping.inventorySecondaryKeyField().get());
        if (entity == InventoryEntity.ITEM) {
            // from the run's listing of Inventory's items, not two reads per new product
            Optional<Map<String, Object>> byName = items.byName(run, item.getTargetName());
            return byName.isPresent() ? byName : items.bySku(run, secondary == null ? null : secondary.toString());
        }
        Optional<Map<String, Object>> byName = inventory.findByKey(entity, item.getTargetName());
        if (byName.isPresent()) {
            return byName;
        }
        return secondary == null || secondary.toString().isBlank() ? Optional.empty()
                : inventory.findBySecondaryKey(entity, secondary.toString());
    }
}
