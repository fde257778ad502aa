package io.crminventorysync.sync.push;

import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.SyncDirection;
import io.crminventorysync.sync.SyncErrors;
import io.crminventorysync.sync.SyncRuns;
import io.crminventorysync.sync.pull.InventoryGateway;
import io.crminventorysync.sync.pull.PullSteps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Decides, for one page of Inventory records, what CRM must be told: a bound record whose
 * Inventory-side fingerprint differs from the binding's is an update, an unbound record created in
 * Inventory is a create, anything else costs nothing. Our own writes to Inventory come back with
 * the fingerprint the pull stored, so they are never echoed to CRM.
 */
@Component("pushPlanner")
public class PushPlanner {

    /** Exchange property: the full customers of the page, whose contact persons follow their account. */
    public static final String CUSTOMERS = "syncPushCustomers";
    private static final String ACCOUNTS = "accounts";

    private final PullSteps steps;
    private final BindingStore bindings;
    private final InventoryGateway inventory;
    private final SyncRuns runs;
    private final SyncErrors errors;

    public PushPlanner(PullSteps steps, BindingStore bindings, InventoryGateway inventory, SyncRuns runs, SyncErrors errors) {
        this.steps = steps;
        this.bindings = bindings;
        this.inventory = inventory;
        this.runs = runs;
        this.errors = errors;
    }

    /** Body: a page of Inventory records (list shape); becomes the {@link PushItem}s to write. */
    @SuppressWarnings("unchecked")
    public List<PushItem> plan(Exchange exchange) {
        RunProgress run = runs.progress(exchange);
        String record = exchange.getProperty(PullSteps.RECORD, String.class);
        RecordMapping mapping = steps.mapping(run.module(), record);
        List<Map<String, Object>> page = exchange.getIn().getBody(List.class);
        List<Map<String, Object>> customers = new ArrayList<>();
        exchange.setProperty(CUSTOMERS, customers);
        List<PushItem> out = new ArrayList<>();
        for (Map<String, Object> listed : page) {
            String id = InventoryGateway.idOf(mapping.inventoryEntity(), listed);
            exchange.setProperty(PullSteps.RECORD_ID, id);
            run.add(SyncDirection.PUSH, Count.READ);
            collect(out, run, id, listed, () -> planOne(run, record, mapping, id, listed, customers));
        }
        exchange.removeProperty(PullSteps.RECORD_ID);
        return out;
    }

    private PushItem planOne(RunProgress run, String record, RecordMapping mapping, String id, Map<String, Object> listed,
            List<Map<String, Object>> customers) {
        Optional<Binding> binding = bindings.byInventoryId(run.module(), Binding.RECORD, id);
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
        if (InventoryGateway.CONTACT.equals(mapping.inventoryEntity())) {
            // A contact list shows a summary only; addresses and persons come with the contact itself.
            full = inventory.get(InventoryGateway.CONTACT, id).orElse(null);
            if (full == null || !isOfRecord(record, full)) {
                return null;
            }
        }
        if ("account".equals(record)) {
            customers.add(full);
        }
        String fingerprint = steps.inventoryFingerprint(run.module(), record, full, null);
        if (binding.isPresent() && !changed(binding.get(), fingerprint, modified)) {
            return null;
        }
        PushItem item = new PushItem(record, Binding.RECORD, id, null,
                crmValues(mapping.toCrm(full, steps.lookups(), binding.isEmpty())), fingerprint, modified);
        if (binding.isPresent()) {
            item.update(binding.get().crmId());
        } else {
            item.create();
        }
        return item;
    }

    /**
     * Body: ignored. The contact persons of the page's customers (property {@value #CUSTOMERS}),
     * each a CRM Contact linked to its customer's Account (Account_Name), for the customers now bound.
     */
    @SuppressWarnings("unchecked")
    public List<PushItem> persons(Exchange exchange) {
        RunProgress run = runs.progress(exchange);
        exchange.setProperty(PullSteps.RECORD, "person");
        RecordMapping mapping = steps.mapping(ACCOUNTS, "person");
        List<Map<String, Object>> customers = exchange.getProperty(CUSTOMERS, List.class);
        List<PushItem> out = new ArrayList<>();
        for (Map<String, Object> customer : customers == null ? List.<Map<String, Object>>of() : customers) {
            String customerId = InventoryGateway.idOf(InventoryGateway.CONTACT, customer);
            Optional<Binding> account = bindings.byInventoryId(ACCOUNTS, Binding.RECORD, customerId);
            if (account.isEmpty()) {
                // The account was not created (its push error is recorded); its persons follow next run.
                continue;
            }
            List<Map<String, Object>> persons = (List<Map<String, Object>>) customer.getOrDefault("contact_persons", List.of());
            for (Map<String, Object> person : persons) {
                String personId = InventoryGateway.idOf(InventoryGateway.PERSON, person);
                run.add(SyncDirection.PUSH, Count.READ);
                collect(out, run, personId, person,
                        () -> planPerson(mapping, person, personId, customerId, account.get().crmId()));
            }
        }
        return out;
    }

    private PushItem planPerson(RecordMapping mapping, Map<String, Object> person, String personId, String customerId,
            String accountCrmId) {
        Optional<Binding> binding = bindings.byInventoryId(ACCOUNTS, Binding.PERSON, personId);
        String fingerprint = steps.inventoryFingerprint(ACCOUNTS, "person", person, customerId);
        if (binding.isPresent() && !changed(binding.get(), fingerprint, null)) {
            return null;
        }
        Map<String, Object> payload = crmValues(mapping.toCrm(person, steps.lookups(), binding.isEmpty()));
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", accountCrmId);
        payload.put("Account_Name", account);
        PushItem item = new PushItem("person", Binding.PERSON, personId, customerId, payload, fingerprint, null);
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
                bindings.touch(withInventory(binding, fingerprint, modified));
            }
            return false;
        }
        if (binding.inventoryFingerprint() == null) {
            bindings.touch(withInventory(binding, fingerprint, modified != null ? modified : binding.inventoryModifiedTime()));
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

    private static Binding withInventory(Binding b, String fingerprint, Instant modified) {
        return new Binding(b.module(), b.kind(), b.crmId(), b.inventoryId(), b.inventoryParentId(), b.crmFingerprint(),
                fingerprint, b.crmModifiedTime(), modified);
    }

    private static boolean notAfter(Instant modified, Instant known) {
        return modified != null && known != null && !modified.isAfter(known);
    }

    private static boolean isOfRecord(String record, Map<String, Object> contact) {
        return switch (record) {
            case "account" -> InventoryPages.isA("business", contact);
            case "individual" -> InventoryPages.isA("individual", contact);
            default -> true;
        };
    }

    /**
     * Plans one Inventory record: added to the page's work, counted as skipped when there is nothing
     * to push, or stored as a push error naming it (a run-ending failure is passed on).
     */
    private void collect(List<PushItem> out, RunProgress run, String inventoryId, Map<String, Object> source,
            java.util.function.Supplier<PushItem> plan) {
        try {
            PushItem item = plan.get();
            if (item == null) {
                run.add(SyncDirection.PUSH, Count.SKIPPED);
            } else {
                out.add(item);
            }
        } catch (RuntimeException e) {
            if (SyncErrors.isFatal(e)) {
                throw e;
            }
            errors.recordPush(run, inventoryId, e, source);
        }
    }
}
