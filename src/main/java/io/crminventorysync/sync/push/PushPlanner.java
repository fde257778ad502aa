package io.crminventorysync.sync.push;

import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.EntryKind;
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
    private final RunStore history;

    /** CRM Products' standard "Product Active" checkbox. */
    static final String PRODUCT_ACTIVE = "Product_Active";

    public PushPlanner(RecordMapper mapper, BindingStore bindings, InventoryGateway inventory, SyncErrors errors,
            RunStore history) {
        this.history = history;
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

    /** What one Inventory record needs: a write to CRM, or nothing (and then why). */
    private record Planned(PushItem item, Count count) {
        static Planned write(PushItem item) {
            return new Planned(item, null);
        }

        static Planned nothing(Count why) {
            return new Planned(null, why);
        }
    }

    private Planned planOne(RunProgress run, RecordType type, InventoryEntity entity, String id, Map<String, Object> listed,
            List<Map<String, Object>> customers) {
        Optional<Binding> binding = bindings.byInventoryId(run.module(), BindingKind.RECORD, id);
        Instant modified = InventoryClient.parseTime(listed.get("last_modified_time"));
        if (binding.isPresent() && notAfter(modified, binding.get().inventoryModifiedTime())) {
            // Not modified since we wrote or last saw it: no read, no write.
            return Planned.nothing(Count.UNCHANGED);
        }
        if (binding.isPresent() && "inactive".equals(listed.get("status"))
                && run.settings().deletePolicy() == DeletePolicy.PROPAGATE) {
            return inactivated(run, type, id, binding.get(), modified);
        }
        if (binding.isEmpty() && Boolean.TRUE.equals(listed.get("is_linked_with_zohocrm"))) {
            // Linked to CRM by Zoho's own integration: it came from CRM, it was not created in Inventory.
            return Planned.nothing(Count.NOT_COPIED);
        }
        Map<String, Object> full = listed;
        if (entity == InventoryEntity.CONTACT) {
            // A contact list shows a summary only; addresses and persons come with the contact itself.
            full = inventory.current(entity, id, null).orElse(null);
            if (full == null || !InventoryPages.isOfType(type, full)) {
                return Planned.nothing(Count.NOT_COPIED);
            }
        }
        if (type == RecordType.ACCOUNT) {
            customers.add(full);
        }
        return plan(run, type, id, null, full, modified, binding, null);
    }

    /**
     * A bound record is written only when it changed in Inventory since the binding's fingerprint, and
     * then only the fields that changed since the binding's base, so a value CRM holds and Inventory
     * did not change (a CRM-side edit, the stock a product was created with) is never overwritten by
     * Inventory's older one. A record with no binding is a create with every field.
     */
    private Planned plan(RunProgress run, RecordType type, String id, String parentId, Map<String, Object> full,
            Instant modified, Optional<Binding> binding, Supplier<Map<String, Object>> extra) {
        Map<String, Object> values = mapper.toCrm(type, full, false);
        String fingerprint = mapper.inventoryFingerprintOfValues(values, parentId);
        if (binding.isPresent() && !changed(run, binding.get(), fingerprint, modified, values)) {
            return Planned.nothing(Count.UNCHANGED);
        }
        Map<String, Object> payload;
        if (binding.isPresent()) {
            payload = crmValues(changedSinceBase(values, mapper.base(binding.get().base())));
            if (payload.isEmpty()) {
                touch(run, binding.get().withInventory(fingerprint, modified != null ? modified
                        : binding.get().inventoryModifiedTime(), mapper.base(values)));
                return Planned.nothing(Count.UNCHANGED);
            }
        } else {
            payload = crmValues(mapper.toCrm(type, full, true));
        }
        Map<String, Object> more = extra == null ? null : extra.get();
        if (more != null) {
            payload.putAll(more);
        }
        PushItem item = new PushItem(type, id, parentId, payload, fingerprint, modified, mapper.base(values),
                mapper.nameOf(type, values));
        if (binding.isPresent()) {
            item.update(binding.get().crmId());
        } else {
            item.create();
        }
        return Planned.write(item);
    }

    /**
     * Two-way, delete policy PROPAGATE: a bound record marked inactive in Inventory. A product becomes
     * inactive in CRM too (Product_Active); CRM Accounts, Contacts and Vendors have no inactive state,
     * so they are left as they are, and the history says so.
     */
    private Planned inactivated(RunProgress run, RecordType type, String id, Binding binding, Instant modified) {
        if (type == RecordType.PRODUCT) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put(PRODUCT_ACTIVE, false);
            PushItem item = new PushItem(type, id, null, payload, binding.inventoryFingerprint(), modified, binding.base(), null);
            item.update(binding.crmId());
            if (run.dryRun()) {
                return Planned.write(item);
            }
            history.addError(run.runId(), Flow.PUSH, EntryKind.DELETE_PROPAGATED, id, PRODUCT_ACTIVE,
                    "Inventory item " + id + " was marked inactive: CRM product " + binding.crmId()
                            + " is made inactive too (delete policy PROPAGATE)", null);
            return Planned.write(item);
        }
        if (run.dryRun()) {
            return Planned.nothing(Count.SKIPPED);
        }
        bindings.touch(binding.withInventory(binding.inventoryFingerprint(), modified, binding.base()));
        history.addError(run.runId(), Flow.PUSH, EntryKind.NOT_PROPAGATED, id, null, "Inventory " + mapper.entity(type)
                + " " + id + " was marked inactive; CRM " + mapper.mapping(type).crmModule()
                + " have no inactive state, so CRM record " + binding.crmId() + " is left as it is", null);
        return Planned.nothing(Count.SKIPPED);
    }

    /** The fields whose value differs from the base; all of them when there is no base. */
    private static Map<String, Object> changedSinceBase(Map<String, Object> values, Map<String, Object> base) {
        if (base == null) {
            return values;
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        values.forEach((field, value) -> {
            if (!base.containsKey(field) || !RecordMapper.same(field, value, base.get(field))) {
                changed.put(field, value);
            }
        });
        return changed;
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
                collect(out, run, personId, person, () -> plan(run, RecordType.PERSON, personId, customerId, person, null,
                        bindings.byInventoryId(SyncModule.ACCOUNTS, BindingKind.PERSON, personId),
                        () -> linkTo(account.get().crmId())));
            }
        }
        return out;
    }

    /** A contact person's CRM Contact names its account through the person mapping's parent lookup. */
    private Map<String, Object> linkTo(String accountCrmId) {
        Map<String, Object> link = new LinkedHashMap<>();
        mapper.mapping(RecordType.PERSON).crmParentField().ifPresent(parent -> {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("id", accountCrmId);
            link.put(parent, account);
        });
        return link;
    }

    /**
     * A bound record changed in Inventory when its fingerprint differs from the one stored after our
     * last write or read. A binding with no Inventory-side fingerprint (stored before two-way
     * existed) takes the current one as its baseline: there is nothing to compare it with.
     */
    private boolean changed(RunProgress run, Binding binding, String fingerprint, Instant modified,
            Map<String, Object> values) {
        if (fingerprint.equals(binding.inventoryFingerprint())) {
            if (modified != null) {
                // Remember the newer modified time, so the next run skips it without reading it.
                touch(run, binding.withInventory(fingerprint, modified, binding.base()));
            }
            return false;
        }
        if (binding.inventoryFingerprint() == null) {
            touch(run, binding.withInventory(fingerprint, modified != null ? modified : binding.inventoryModifiedTime(),
                    mapper.base(values)));
            return false;
        }
        return true;
    }

    /** A binding's Inventory side brought up to date; a preview leaves every binding as it is. */
    private void touch(RunProgress run, Binding binding) {
        if (!run.dryRun()) {
            bindings.touch(binding);
        }
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
     * Plans one Inventory record: added to the page's work, counted as unchanged (or not copied) when
     * there is nothing to push, or stored as a push error naming it (a run-ending failure is passed on).
     */
    private void collect(List<PushItem> out, RunProgress run, String inventoryId, Map<String, Object> source,
            Supplier<Planned> plan) {
        try {
            Planned planned = plan.get();
            if (planned.item() == null) {
                run.add(Flow.PUSH, planned.count());
            } else {
                out.add(planned.item());
            }
        } catch (RuntimeException e) {
            if (SyncErrors.isFatal(e)) {
                throw e;
            }
            errors.record(run, Flow.PUSH, inventoryId, e, source);
        }
    }
}
