package io.crminventorysync.sync.pull;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.SyncDirection;
import io.crminventorysync.sync.SyncRuns;
import io.crminventorysync.sync.pull.PullItem.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Accounts and their contacts: an account becomes one Inventory customer, its contacts the contact
 * persons of that customer. A new customer is created with all its persons in one write; for a
 * customer already bound, a changed account updates the customer alone and a changed contact its
 * person alone.
 */
@Component("accountGroups")
public class AccountGroups {

    private static final String MODULE = "accounts";

    private final PullSteps steps;
    private final BindingStore bindings;
    private final InventoryGateway inventory;
    private final CrmClient crm;
    private final SyncRuns runs;
    private final JdbcTemplate jdbc;

    public AccountGroups(PullSteps steps, BindingStore bindings, InventoryGateway inventory, CrmClient crm,
            SyncRuns runs, JdbcTemplate jdbc) {
        this.steps = steps;
        this.bindings = bindings;
        this.inventory = inventory;
        this.crm = crm;
        this.runs = runs;
        this.jdbc = jdbc;
    }

    /** Groups left by an interrupted run are dropped: the cursor did not move, so this run re-reads them. */
    public void clearStaleGroups() {
        jdbc.update("DELETE FROM contact_aggregation");
        jdbc.update("DELETE FROM contact_aggregation_completed");
    }

    /** The id of the account a CRM contact belongs to (its Account_Name lookup), or null for none. */
    public static String accountIdOf(Map<String, Object> contact) {
        Object lookup = contact.get("Account_Name");
        if (lookup instanceof Map<?, ?> m && m.get("id") != null) {
            return m.get("id").toString();
        }
        return null;
    }

    /** Body: a CRM contact. True when it belongs to no account. */
    @SuppressWarnings("unchecked")
    public boolean isOrphan(Exchange exchange) {
        Map<String, Object> contact = exchange.getIn().getBody(Map.class);
        exchange.setProperty(PullSteps.RECORD_ID, String.valueOf(contact.get("id")));
        return accountIdOf(contact) == null;
    }

    /** Body: a CRM contact of an account; becomes an aggregator entry correlated by that account. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> contactEntry(Exchange exchange) {
        Map<String, Object> contact = exchange.getIn().getBody(Map.class);
        String accountId = accountIdOf(contact);
        HashMap<String, Object> entry = new HashMap<>();
        entry.put(AccountGroupAggregation.ACCOUNT_ID, accountId);
        entry.put(AccountGroupAggregation.CONTACT, new HashMap<>(contact));
        return entry;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> accountEntry(Exchange exchange) {
        Map<String, Object> account = exchange.getIn().getBody(Map.class);
        HashMap<String, Object> entry = new HashMap<>();
        entry.put(AccountGroupAggregation.ACCOUNT_ID, String.valueOf(account.get("id")));
        entry.put(AccountGroupAggregation.ACCOUNT, new HashMap<>(account));
        return entry;
    }

    /**
     * A contact associated with no account is not copied (the product's rule). If it was a person of
     * a customer before (its account was removed in CRM), that person is removed from the customer.
     */
    @SuppressWarnings("unchecked")
    public void orphanContact(Exchange exchange) {
        Map<String, Object> contact = exchange.getIn().getBody(Map.class);
        RunProgress run = runs.progress(exchange);
        String crmId = String.valueOf(contact.get("id"));
        Optional<Binding> person = bindings.byCrmId(MODULE, Binding.PERSON, crmId);
        if (person.isPresent()) {
            inventory.deletePerson(person.get().inventoryId());
            bindings.unbind(MODULE, Binding.PERSON, crmId);
            run.add(SyncDirection.PULL, Count.UPDATED);
        } else {
            run.add(SyncDirection.PULL, Count.SKIPPED);
        }
    }

    /**
     * Body: a completed group. Returns the account's {@link PullItem} when the account must be
     * written (a new customer carries every person inline), or null when only persons change; sets
     * the property {@code syncPersons} to the persons to write one by one.
     */
    @SuppressWarnings("unchecked")
    public PullItem plan(Exchange exchange) {
        Map<String, Object> group = exchange.getIn().getBody(Map.class);
        exchange.setProperty(SyncRuns.RUN_ID, group.get(AccountGroupAggregation.RUN_ID));
        RunProgress run = runs.progress(exchange);
        String accountId = (String) group.get(AccountGroupAggregation.ACCOUNT_ID);
        Map<String, Object> account = (Map<String, Object>) group.get(AccountGroupAggregation.ACCOUNT);
        List<Map<String, Object>> contacts = (List<Map<String, Object>>) group.get(AccountGroupAggregation.CONTACTS);
        exchange.setProperty(PullSteps.RECORD_ID, accountId);
        exchange.setProperty(PullSteps.RECORD, "account");
        if (run.failure() != null) {
            // the run was aborted while groups were completing: nothing more is written
            exchange.setProperty("syncPersons", List.of());
            return null;
        }

        Optional<Binding> customer = bindings.byCrmId(MODULE, Binding.RECORD, accountId);
        if (customer.isEmpty() && account == null) {
            // Contacts of an account this run did not read: outside the chosen view, or not synced.
            run.add(SyncDirection.PULL, Count.SKIPPED, contacts.size());
            exchange.setProperty("syncPersons", List.of());
            return null;
        }
        if (customer.isEmpty()) {
            // A new customer carries every contact inline. Should the pull find it was created by
            // an interrupted run (and adopt it), personsAfterAccount writes the persons one by one.
            PullItem item = steps.item(MODULE, "account", account, null);
            List<Map<String, Object>> all = run.pullSince() == null ? contacts : allContactsOf(accountId, contacts);
            List<PullItem> persons = new ArrayList<>();
            for (Map<String, Object> c : all) {
                persons.add(steps.item(MODULE, "person", c, null));
            }
            item.setPersons(persons);
            exchange.setProperty("syncPersons", List.of());
            return item;
        }
        exchange.setProperty("syncPersons", personEntries(contacts, customer.get().inventoryId()));
        return account == null ? null : steps.item(MODULE, "account", account, null);
    }

    /**
     * A new customer found by an incremental run: its contacts that did not change since the last
     * run were not read, so they are fetched from the account's related list (one read).
     */
    private List<Map<String, Object>> allContactsOf(String accountId, List<Map<String, Object>> changed) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> c : crm.relatedRecords("Accounts", accountId, "Contacts",
                steps.mapping(MODULE, "person").crmFields())) {
            byId.put(String.valueOf(c.get("id")), c);
        }
        for (Map<String, Object> c : changed) {
            byId.put(String.valueOf(c.get("id")), c);
        }
        return new ArrayList<>(byId.values());
    }

    private static List<Map<String, Object>> personEntries(List<Map<String, Object>> contacts, String customerId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : contacts) {
            Map<String, Object> e = new HashMap<>(c);
            e.put("$customerId", customerId);
            out.add(e);
        }
        return out;
    }

    /**
     * After the account was written: persons planned inline that were not created with it (the
     * account matched an existing customer that OVERWRITE took over) are written one by one.
     */
    public void personsAfterAccount(Exchange exchange) {
        PullItem account = exchange.getIn().getBody(PullItem.class);
        if (account.getAction() == Action.CREATE || account.getPersons().isEmpty() || account.getInventoryId() == null
                || account.getAction() == Action.SKIP_DUPLICATE) {
            return;
        }
        List<Map<String, Object>> crmContacts = new ArrayList<>();
        for (PullItem p : account.getPersons()) {
            crmContacts.add(p.crm());
        }
        exchange.setProperty("syncPersons", personEntries(crmContacts, account.getInventoryId()));
    }

    // ------------------------------------------------------------------ one person of a bound customer

    /** Body: a CRM contact tagged with its customer's Inventory id; becomes the person's PullItem. */
    @SuppressWarnings("unchecked")
    public PullItem person(Exchange exchange) {
        Map<String, Object> contact = new HashMap<>(exchange.getIn().getBody(Map.class));
        String customerId = (String) contact.remove("$customerId");
        exchange.setProperty(PullSteps.RECORD_ID, String.valueOf(contact.get("id")));
        exchange.setProperty(PullSteps.RECORD, "person");
        exchange.setProperty(PullSteps.PARENT_ID, customerId);
        return steps.item(MODULE, "person", contact, customerId);
    }

    /**
     * Writes one person: updated in place when bound under this customer, moved (deleted there,
     * created here) when bound under another, created when new. A create interrupted before its
     * binding is found again among the customer's persons by e-mail (or name) and adopted.
     */
    public void writePerson(Exchange exchange) {
        PullItem person = exchange.getIn().getBody(PullItem.class);
        String customerId = person.getInventoryParentId();
        Optional<Binding> bound = bindings.byCrmId(MODULE, Binding.PERSON, person.crmId());
        person.setBinding(bound.orElse(null));
        if (bound.isPresent() && customerId.equals(bound.get().inventoryParentId())) {
            person.setInventoryId(bound.get().inventoryId());
            person.setAction(Action.UPDATE);
            if (!person.fingerprint().equals(bound.get().crmFingerprint())) {
                RunProgress run = runs.progress(exchange);
                Map<String, Object> payload = run.settings().twoWay() && bound.get().inventoryFingerprint() != null
                        ? steps.settlePerson(person, bound.get(), run) : person.payload();
                steps.seen(person, inventory.updatePerson(customerId, bound.get().inventoryId(), payload));
            } else {
                person.setReason("unchanged");
            }
            return;
        }
        if (bound.isPresent()) {
            inventory.deletePerson(bound.get().inventoryId());
            bindings.unbind(MODULE, Binding.PERSON, person.crmId());
            person.setBinding(null);
            person.setReason("moved from customer " + bound.get().inventoryParentId());
        }
        Optional<String> pending = bindings.pendingCreate(MODULE, Binding.PERSON, SyncDirection.PULL, person.crmId());
        if (pending.isPresent()) {
            for (Map<String, Object> existing : inventory.persons(customerId)) {
                if (PullSteps.samePerson(person.payload(), existing)) {
                    person.setInventoryId(InventoryGateway.idOf(InventoryGateway.PERSON, existing));
                    person.setAction(Action.UPDATE);
                    steps.seen(person, existing);
                    return;
                }
            }
        }
        bindings.journalCreate(MODULE, Binding.PERSON, SyncDirection.PULL, person.crmId(), customerId);
        Map<String, Object> created = inventory.createPerson(customerId, person.payload());
        person.setInventoryId(InventoryGateway.idOf(InventoryGateway.PERSON, created));
        steps.seen(person, created);
        person.setAction(Action.CREATE);
    }

    /** Stores the person's binding under its customer, with what Inventory holds after our write. */
    public void bindPerson(Exchange exchange) {
        steps.store(exchange.getIn().getBody(PullItem.class));
    }
}
