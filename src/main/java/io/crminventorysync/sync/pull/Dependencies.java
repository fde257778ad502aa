package io.crminventorysync.sync.pull;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.PlanBook;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncErrors;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.record.AmbiguousWrites;
import io.crminventorysync.sync.record.CreateLocks;
import io.crminventorysync.sync.record.CrmGateway;
import io.crminventorysync.sync.record.InventoryEntity;
import io.crminventorysync.sync.record.InventoryGateway;
import io.crminventorysync.sync.record.RecordMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The records a record looks up are pulled first, in the same run, as a connector imports a
 * record's dependencies before the record: a product whose vendor is not bound yet (the vendors
 * module has not run, or runs later in the schedule) gets its vendor bound by name when Inventory has
 * it, or created there through the vendors module's mapping and bound; then the product is mapped
 * and written. The product fails only if its vendor fails, and then with the vendor's own reason.
 * The same for any {@code <lookup>} of any mapping. Each such vendor is one entry of the run's
 * history (DEPENDENCY); it is not one of the run's records read.
 */
@Component("dependencies")
public class Dependencies {

    private final RecordMapper mapper;
    private final BindingStore bindings;
    private final CrmGateway crm;
    private final InventoryGateway inventory;
    private final RunStore history;
    private final AmbiguousWrites ambiguous;
    private final PlanBook plans;
    private final CreateLocks creates;

    public Dependencies(RecordMapper mapper, BindingStore bindings, CrmGateway crm, InventoryGateway inventory,
            RunStore history, AmbiguousWrites ambiguous, PlanBook plans, CreateLocks creates) {
        this.creates = creates;
        this.plans = plans;
        this.ambiguous = ambiguous;
        this.mapper = mapper;
        this.bindings = bindings;
        this.crm = crm;
        this.inventory = inventory;
        this.history = history;
    }

    /** Every record the CRM record looks up is bound before it is mapped. */
    public void resolve(@Body Map<String, Object> crmRecord, @ExchangeProperty(SyncExchange.RUN) RunProgress run,
            @ExchangeProperty(SyncExchange.RECORD) RecordType type) {
        for (RecordMapping.Lookup lookup : mapper.mapping(type).pullLookups()) {
            Object value = crmRecord.get(lookup.crmField());
            if (!(value instanceof Map<?, ?> link) || link.get("id") == null || link.get("id").toString().isBlank()) {
                continue;
            }
            SyncModule module = SyncModule.of(lookup.module());
            String crmId = link.get("id").toString();
            if (bindings.byCrmId(module, BindingKind.RECORD, crmId).isPresent()) {
                continue;
            }
            String name = link.get("name") == null ? crmId : "'" + link.get("name") + "' (" + crmId + ")";
            if (run.dryRun()) {
                // a preview plans it and maps what looks it up as if it were there
                if (run.plannedBindings().putIfAbsent(module.id() + ":" + crmId, "(created by the sync)") == null) {
                    plans.add(run, Flow.PULL, PlanBook.Action.CREATE, crmId, null, String.valueOf(link.get("name")), null,
                            "looked up by a record of this run: bound by its name, or created first, in module " + module);
                }
                continue;
            }
            try {
                // two records may look up the same new record at once, and its own module's run may be
                // writing it: one of them creates it, the others find its binding
                creates.run(module, crmId, () -> {
                    if (bindings.byCrmId(module, BindingKind.RECORD, crmId).isEmpty()) {
                        pull(run, mainType(module), crmId, name);
                    }
                });
            } catch (RuntimeException e) {
                if (SyncErrors.isFatal(e)) {
                    throw e;
                }
                throw lookup.error(module + " record " + name + " it looks up could not be synced first: "
                        + SyncErrors.reasonOf(e));
            }
        }
    }

    /** Binds the looked-up CRM record to its Inventory record by name, or creates that record. */
    private void pull(RunProgress run, RecordType type, String crmId, String name) {
        RecordMapping mapping = mapper.mapping(type);
        Map<String, Object> record = crm.read(mapping.crmModule(), crmId).orElseThrow(() -> new IllegalStateException(
                "CRM " + mapping.crmModule() + " " + crmId + " does not exist"));
        Map<String, Object> payload = mapper.toInventory(type, record, true);
        String key = mapper.inventoryKey(type, payload);
        InventoryEntity entity = mapper.entity(type);
        Optional<Map<String, Object>> existing = key == null ? Optional.empty() : inventory.findByKey(entity, key);
        Object kind = payload.get("contact_type");
        if (existing.isPresent() && kind != null && !kind.equals(existing.get().get("contact_type"))) {
            // Inventory's contact names are unique across customers and vendors
            throw new IllegalStateException("Inventory already has a " + existing.get().get("contact_type") + " named '"
                    + key + "' (" + entity.idOf(existing.get()) + "); a " + kind + " needs a name of its own");
        }
        Map<String, Object> held;
        String done;
        if (existing.isPresent() && bindings.byInventoryId(type.module(), BindingKind.RECORD, entity.idOf(existing.get())).isEmpty()) {
            held = inventory.current(entity, entity.idOf(existing.get()), null).orElse(existing.get());
            done = "bound by its name to the Inventory " + entity + " " + entity.idOf(held) + " that has it";
        } else {
            bindings.journalCreate(type.module(), BindingKind.RECORD, Flow.PULL, crmId, key == null ? "" : key);
            String how = "created in Inventory as ";
            try {
                held = ambiguous.create(entity + " '" + key + "'", () -> inventory.create(entity, payload),
                        () -> key == null ? Optional.empty() : inventory.findByKey(entity, key)
                                .flatMap(r -> inventory.current(entity, entity.idOf(r), null)),
                        () -> bindings.clearPendingCreate(type.module(), BindingKind.RECORD, Flow.PULL, crmId));
            } catch (ZohoApiException e) {
                // another node's run of the record's own module created it first: bound, or about to be
                if (e.kind() != ZohoApiException.Kind.DUPLICATE || key == null) {
                    throw e;
                }
                bindings.clearPendingCreate(type.module(), BindingKind.RECORD, Flow.PULL, crmId);
                if (bindings.byCrmId(type.module(), BindingKind.RECORD, crmId).isPresent()) {
                    return;
                }
                Map<String, Object> taken = inventory.findByKey(entity, key).orElseThrow(() -> e);
                if (bindings.byInventoryId(type.module(), BindingKind.RECORD, entity.idOf(taken)).isPresent()) {
                    throw e;
                }
                held = inventory.current(entity, entity.idOf(taken), null).orElse(taken);
                how = "bound by its name, created meanwhile by another run, to the Inventory ";
            }
            done = how + entity + " " + entity.idOf(held);
        }
        Map<String, Object> values = mapper.toCrm(type, held, false);
        Instant modified = InventoryClient.parseTime(held.get("last_modified_time"));
        bindings.bind(new Binding(type.module(), BindingKind.RECORD, crmId, entity.idOf(held), null,
                mapper.crmFingerprint(type, payload, null), mapper.inventoryFingerprintOfValues(values, null),
                CrmClient.parseTime(record.get("Modified_Time")), modified == null ? Instant.now() : modified,
                mapper.base(values)), Flow.PULL, crmId);
        history.addError(run.runId(), Flow.PULL, EntryKind.DEPENDENCY, crmId, null, "CRM " + mapping.crmModule() + " "
                + name + ", looked up by a record of this run, was " + done + " first (module " + type.module() + ")", null);
    }

    /** The record type a module's records are looked up as. */
    private static RecordType mainType(SyncModule module) {
        return switch (module) {
            case ACCOUNTS -> RecordType.ACCOUNT;
            case VENDORS -> RecordType.VENDOR;
            case PRODUCTS -> RecordType.PRODUCT;
        };
    }
}
