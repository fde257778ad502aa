package io.crminventorysync.sync.push;

import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncErrors;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.record.InventoryEntity;
import io.crminventorysync.sync.record.InventoryGateway;
import io.crminventorysync.sync.record.RecordMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Decides, for one page of Inventory records, what CRM must be told: a bound record whose
 * Inventory-side fingerprint differs from the binding's is an update, an unbound record created in
 * Inventory is a create, anything else costs nothing. Our own writes to Inventory come back with
 * the fingerprint the pull stored, so they are never echoed to CRM.
 */
@Component("pushPlanner")
public class PushPlanner {

    private final RecordMapper mapper;
    private final BindingStore bindings;
    private final InventoryGateway inventory;
    private final SyncErrors errors;

    public PushPlanner(RecordMapper mapper, BindingStore bindings, InventoryGateway inventory, SyncErrors errors) {
        this.mapper = mapper;
        this.bindings = bindings;
        this.inventory = inventory;
        this.errors = errors;
    }

    /** A page of Inventory records (list shape) becomes the {@link PushItem}s to write. */
    public PushPage plan(@Body List<Map<String, Object>> page, @ExchangeProperty(SyncExchange.RUN) RunProgress run,
            @ExchangeProperty(SyncExchange.RECORD) RecordType type) {
        InventoryEntity entity = mapper.entity(type);
        List<Map<String, Object>> customers = new ArrayList<>();
        List<PushItem> out = new ArrayList<>();
        for (Map<String, Object> listed : page) {
            String id = entity.idOf(listed);
            run.add(Flow.PUSH, Count.READ);
            collect(out, run, id, listed, () -> planOne(run, type, entity, id, listed, customers));
        }
        return new PushPage(out, customers);
    }

    private PushItem planOne(RunProgress run, RecordType type, InventoryEntity entity, String id, Map<String, Object> listed,
            List<Map<String, Object>> customers) {
        Optional<Binding> binding = bindings.byInventoryId(run.module(), BindingKind.RECORD, id);
        Instant modified = InventoryClient.parseTime(listed.get("last_modified_time"));
        if (binding.isPresent() && notAfter(modified, binding.get().inventoryModifiedTime())) {
            // Not modified since we wrote or last saw it: no read, no write.
            return null;
        }
        if (binding.isEmpty() && Boolean.TRUE.equals(listed.get("is_linked_with_zohocrm"))) {
            // Linked to CRM by Zoho's own integration: it came from CRM, it was not created in Inventory.
            return null;
        }
        Map<String, Object> full = listed;
        if (entity == InventoryEntity.CONTACT) {
            // A contact list shows a summary only; addresses and persons come with the contact itself.
            full = inventory.current(entity, id, null).orElse(null);
            if (full == null || !InventoryPages.isOfType(type, full)) {
                return null;
            }
        }
        if (type == RecordType.ACCOUNT) {
            customers.add(full);
        }
        String fingerprint = mapper.inventoryFingerprint(type, full, null);
        if (binding.isPresent() && !changed(binding.get(), fingerprint, modified)) {
            return null;
        }
        PushItem item = new PushItem(type, id, null, crmValues(mapper.toCrm(type, full, binding.isEmpty())),
                fingerprint, modified);
        if (binding.isPresent()) {
            item.update(binding.get().crmId());
        } else {
            item.create();
        }
        return item;
    }

    /**
     * The contact persons of the page's customers, each a CRM Contact linked to its customer's
     * Account (the person mapping's parent lookup), for the customers now bound.
     */
    @SuppressWarnings("unchecked")
    public List<PushItem> persons(@ExchangeProperty(SyncExchange.PUSH_PAGE) PushPage page,
            @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        List<PushItem> out = new ArrayList<>();
        for (Map<String, Object> customer : page.customers()) {
            String customerId = InventoryEntity.CONTACT.idOf(customer);
            Optional<Binding> account = bindings.byInventoryId(SyncModule.ACCOUNTS, BindingKind.RECORD, customerId);
            if (account.isEmpty()) {
                // The account was not created (its push error is recorded); its persons follow next run.
                continue;
            }
            List<Map<String, Object>> persons = (List<Map<String, Object>>) customer.getOrDefault("contact_persons", List.of());
            for (Map<String, Object> person : persons) {
                String personId = InventoryEntity.CONTACT_PERSON.idOf(person);
                run.add(Flow.PUSH, Count.READ);
                collect(out, run, personId, person, () -> planPerson(person, personId, customerId, account.get().crmId()));
            }
        }
        return out;
    }

    private PushItem planPerson(Map<String, Object> person, String personId, String customerId, String accountCrmId) {
        Optional<Binding> binding = bindings.byInventoryId(SyncModule.ACCOUNTS, BindingKind.PERSON, personId);
        String fingerprint = mapper.inventoryFingerprint(RecordType.PERSON, person, customerId);
        if (binding.isPresent() && !changed(binding.get(), fingerprint, null)) {
            return null;
        }
        Map<String, Object> payload = crmValues(mapper.toCrm(RecordType.PERSON, person, binding.isEmpty()));
        RecordMapping mapping = mapper.mapping(RecordType.PERSON);
        mapping.crmParentField().ifPresent(parent -> {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("id", accountCrmId);
            payload.put(parent, account);
        });
        PushItem item = new PushItem(RecordType.PERSON, personId, customerId, payload, fingerprint, null);
        if (binding.isPresent()) {
            item.update(binding.get().crmId());
        } else {
            item.create();
        }
        return item;
    }

    /**
     * A bound record changed in Inventory when its fingerprint differs from the one stored after our
     * last write or read. A binding with no Inventory-side fingerprint (stored before two-way
     * existed) takes the current one as its baseline: there is nothing to compare it with.
     */
    private boolean changed(Binding binding, String fingerprint, Instant modified) {
        if (fingerprint.equals(binding.inventoryFingerprint())) {
            if (modified != null) {
                // Remember the newer modified time, so the next run skips it without reading it.
                bindings.touch(binding.withInventory(fingerprint, modified));
            }
            return false;
        }
        if (binding.inventoryFingerprint() == null) {
            bindings.touch(binding.withInventory(fingerprint, modified != null ? modified : binding.inventoryModifiedTime()));
            return false;
        }
        return true;
    }

    /**
     * Inventory shows an empty field as "" (an item's reorder_level included); CRM refuses "" in a
     * number field and clears any field given null, so an empty value is sent as null.
     */
    static Map<String, Object> crmValues(Map<String, Object> mapped) {
        Map<String, Object> out = new LinkedHashMap<>();
        mapped.forEach((k, v) -> out.put(k, "".equals(v) ? null : v));
        return out;
    }

    private static boolean notAfter(Instant modified, Instant known) {
        return modified != null && known != null && !modified.isAfter(known);
    }

    /**
     * Plans one Inventory record: added to the page's work, counted as skipped when there is nothing
     * to push, or stored as a push error naming it (a run-ending failure is passed on).
     */
    private void collect(List<PushItem> out, RunProgress run, String inventoryId, Map<String, Object> source,
            Supplier<PushItem> plan) {
        try {
            PushItem item = plan.get();
            if (item == null) {
                run.add(Flow.PUSH, Count.SKIPPED);
            } else {
                out.add(item);
            }
        } catch (RuntimeException e) {
            if (SyncErrors.isFatal(e)) {
                throw e;
            }
            errors.record(run, Flow.PUSH, inventoryId, e, source);
        }
    }
}
