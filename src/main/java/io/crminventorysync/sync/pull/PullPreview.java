package io.crminventorysync.sync.pull;

import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.PlanBook;
import io.crminventorysync.sync.PlanBook.Action;
import io.crminventorysync.sync.PlanBook.Change;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.record.DuplicateRule;
import io.crminventorysync.sync.record.InventoryEntity;
import io.crminventorysync.sync.record.InventoryGateway;
import io.crminventorysync.sync.record.Outcome;
import io.crminventorysync.sync.record.RecordMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The pull of a preview (dry run): each mapped record is planned exactly as the sync would decide it
 * (bound: an update, or unchanged; unbound: a create, or a duplicate under the module's policy, after
 * the same key lookups in Inventory), counted as the sync would count it, and written nowhere: no
 * create, no update, no binding, no idempotent entry, no cursor move. An update lists the fields it
 * would change, from the Inventory record as it is now (one read per record that changed in CRM).
 */
@Component("pullPreview")
public class PullPreview {

    private final RecordMapper mapper;
    private final BindingStore bindings;
    private final InventoryGateway inventory;
    private final PlanBook plans;

    public PullPreview(RecordMapper mapper, BindingStore bindings, InventoryGateway inventory, PlanBook plans) {
        this.mapper = mapper;
        this.bindings = bindings;
        this.inventory = inventory;
        this.plans = plans;
    }

    /** One record (an account carries its new contacts inline), planned. */
    public void plan(@Body PullItem item, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        Optional<Binding> binding = bindings.byCrmId(item.module(), item.type().kind(), item.crmId());
        InventoryEntity entity = mapper.entity(item.type());
        if (binding.isPresent()) {
            planUpdate(item, binding.get(), entity, run);
            return;
        }
        String key = mapper.inventoryKey(item.type(), item.payload());
        Optional<Map<String, Object>> existing = key == null ? Optional.empty() : inventory.findByKey(entity, key);
        RecordMapping mapping = mapper.mapping(item.type());
        if (existing.isEmpty() && mapping.inventorySecondaryKeyField().isPresent()) {
            Object secondary = item.payload().get(mapping.inventorySecondaryKeyField().get());
            existing = secondary == null || secondary.toString().isBlank() ? Optional.empty()
                    : inventory.findBySecondaryKey(entity, secondary.toString());
        }
        if (existing.isEmpty()) {
            item.setAction(PullItem.Action.CREATE);
            item.setOutcome(Outcome.CREATED);
            run.add(Flow.PULL, Count.CREATED, item.records());
            plans.add(run, Flow.PULL, Action.CREATE, item.crmId(), null, item.name(), null,
                    item.getPersons().isEmpty() ? null : "with " + item.getPersons().size() + " contact person(s)");
            return;
        }
        String existingId = entity.idOf(existing.get());
        Optional<String> owner = bindings.byInventoryId(item.module(), item.type().kind(), existingId).map(Binding::crmId);
        switch (DuplicateRule.decide(run.settings().duplicatePolicy(), owner)) {
            case CLONE -> {
                item.setAction(PullItem.Action.CREATE);
                item.setOutcome(Outcome.CREATED);
                run.add(Flow.PULL, Count.CREATED, item.records());
                plans.add(run, Flow.PULL, Action.DUPLICATE_CLONE, item.crmId(), existingId, item.name(), null,
                        "created as '" + DuplicateRule.cloneName(key, item.crmId(), 200) + "' beside " + entity + " " + existingId);
            }
            case OVERWRITE -> {
                item.setAction(PullItem.Action.UPDATE);
                item.setInventoryId(existingId);
                item.setOutcome(Outcome.UPDATED);
                run.add(Flow.PULL, Count.UPDATED);
                plans.add(run, Flow.PULL, Action.DUPLICATE_OVERWRITE, item.crmId(), existingId, item.name(),
                        changes(item, inventory.current(entity, existingId, null).orElse(existing.get())),
                        "the existing " + entity + " is taken over (duplicate policy OVERWRITE)");
            }
            case SKIP -> {
                item.setOutcome(Outcome.DUPLICATE_SKIPPED);
                run.add(Flow.PULL, Count.SKIPPED, item.records());
                plans.add(run, Flow.PULL, Action.DUPLICATE_SKIP, item.crmId(), existingId, item.name(), null,
                        DuplicateRule.skipReason("Inventory " + entity, key, existingId, owner, "CRM record",
                                run.settings().duplicatePolicy()));
            }
        }
    }

    /** One contact as a person of its account's bound customer, planned as PersonWriter would write it. */
    public void planPerson(@Body PullItem person, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        Optional<Binding> bound = bindings.byCrmId(person.module(), person.type().kind(), person.crmId());
        if (bound.isPresent() && person.inventoryParentId().equals(bound.get().inventoryParentId())) {
            planUpdate(person, bound.get(), InventoryEntity.CONTACT_PERSON, run);
            return;
        }
        Optional<Map<String, Object>> match = person.getCandidates() == null ? Optional.empty()
                : io.crminventorysync.sync.record.ContactPersons.match(person.getCandidates(), person.payload());
        if (match.isPresent()) {
            String personId = InventoryEntity.CONTACT_PERSON.idOf(match.get());
            person.setOutcome(Outcome.UPDATED);
            run.add(Flow.PULL, Count.UPDATED);
            plans.add(run, Flow.PULL, Action.UPDATE, person.crmId(), personId, person.name(), changes(person, match.get()),
                    "the customer's existing person of the same e-mail or name is taken over");
            return;
        }
        person.setOutcome(Outcome.CREATED);
        run.add(Flow.PULL, Count.CREATED);
        plans.add(run, Flow.PULL, Action.CREATE, person.crmId(), null, person.name(), null,
                bound.isPresent() ? "moved from customer " + bound.get().inventoryParentId() : "a contact person of customer "
                        + person.inventoryParentId());
    }

    private void planUpdate(PullItem item, Binding binding, InventoryEntity entity, RunProgress run) {
        item.setAction(PullItem.Action.UPDATE);
        item.setInventoryId(binding.inventoryId());
        if (item.fingerprint().equals(binding.crmFingerprint())) {
            item.setOutcome(Outcome.UNCHANGED);
            run.add(Flow.PULL, Count.UNCHANGED);
            plans.add(run, Flow.PULL, Action.UNCHANGED, item.crmId(), binding.inventoryId(), item.name(), null, null);
            return;
        }
        Optional<Map<String, Object>> current = inventory.current(entity, binding.inventoryId(), item.inventoryParentId());
        List<Change> changes = current.map(c -> changes(item, c)).orElse(List.of());
        item.setOutcome(Outcome.UPDATED);
        run.add(Flow.PULL, Count.UPDATED);
        plans.add(run, Flow.PULL, changes.isEmpty() && current.isPresent() ? Action.UNCHANGED : Action.UPDATE, item.crmId(),
                binding.inventoryId(), item.name(), changes, current.isEmpty() ? "the Inventory record is gone: the delete policy ("
                        + run.settings().deletePolicy() + ") would decide" : null);
    }

    /** The Inventory fields an update would change: its values against the record as Inventory holds it. */
    private List<Change> changes(PullItem item, Map<String, Object> current) {
        List<Change> out = new ArrayList<>();
        flatten("", mapper.toInventory(item.type(), item.crm(), false), (path, value) -> {
            Object now = valueAt(current, path);
            if (!RecordMapper.same(path, value, now)) {
                out.add(new Change(path, now, value));
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> values, java.util.function.BiConsumer<String, Object> to) {
        values.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                flatten(prefix + k + ".", (Map<String, Object>) nested, to);
            } else if (!(v instanceof List<?>)) {
                to.accept(prefix + k, v);
            }
        });
    }

    private static Object valueAt(Map<String, Object> record, String path) {
        Object at = record;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(part);
        }
        return at;
    }
}
