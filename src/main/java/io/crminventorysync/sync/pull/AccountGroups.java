package io.crminventorysync.sync.pull;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.PlanBook;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.pull.PullItem.Action;
import io.crminventorysync.sync.record.InventoryGateway;
import io.crminventorysync.sync.record.Outcome;
import io.crminventorysync.sync.record.RecordMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Accounts and their contacts: an account becomes one Inventory customer, its contacts the contact
 * persons of that customer. Contacts and accounts are grouped by account (routes/pull-group.xml);
 * a new customer is created with all its persons in one write; for a customer already bound, a
 * changed account updates the customer alone and a changed contact its person alone.
 */
@Component("accountGroups")
public class AccountGroups {

    private final RecordMapper mapper;
    private final PullRecords records;
    private final BindingStore bindings;
    private final InventoryGateway inventory;
    private final CrmClient crm;
    private final JdbcTemplate jdbc;
    private final Dependencies dependencies;
    private final PlanBook plans;

    public AccountGroups(RecordMapper mapper, PullRecords records, BindingStore bindings, InventoryGateway inventory,
            CrmClient crm, JdbcTemplate jdbc, Dependencies dependencies, PlanBook plans) {
        this.plans = plans;
        this.dependencies = dependencies;
        this.mapper = mapper;
        this.records = records;
        this.bindings = bindings;
        this.inventory = inventory;
        this.crm = crm;
        this.jdbc = jdbc;
    }

    /** Groups left by an interrupted run are dropped: the cursor did not move, so this run re-reads them. */
    public void clearStaleGroups() {
        jdbc.update("DELETE FROM contact_aggregation");
        jdbc.update("DELETE FROM contact_aggregation_completed");
    }

    /** The id of the account a CRM contact belongs to (the mapping's parent lookup), or null for none. */
    public String accountIdOf(@Body Map<String, Object> contact) {
        Object lookup = mapper.mapping(RecordType.PERSON).crmParentField().map(contact::get).orElse(null);
        if (lookup instanceof Map<?, ?> m && m.get("id") != null) {
            return m.get("id").toString();
        }
        return null;
    }

    /** True when a CRM contact belongs to no account. */
    public boolean isOrphan(@Body Map<String, Object> contact) {
        return accountIdOf(contact) == null;
    }

    /** A CRM contact of an account becomes an aggregator entry correlated by that account. */
    public Map<String, Object> contactEntry(@Body Map<String, Object> contact) {
        HashMap<String, Object> entry = new HashMap<>();
        entry.put(AccountGroupAggregation.ACCOUNT_ID, accountIdOf(contact));
        entry.put(AccountGroupAggregation.CONTACT, new HashMap<>(contact));
        return entry;
    }

    /** A CRM account becomes the aggregator entry that opens (or joins) its own group. */
    public Map<String, Object> accountEntry(@Body Map<String, Object> account) {
        HashMap<String, Object> entry = new HashMap<>();
        entry.put(AccountGroupAggregation.ACCOUNT_ID, String.valueOf(account.get("id")));
        entry.put(AccountGroupAggregation.ACCOUNT, new HashMap<>(account));
        return entry;
    }

    /**
     * A contact associated with no account is not copied (the product's rule). If it was a person of
     * a customer before (its account was removed in CRM), that person is removed from the customer.
     */
    public void orphanContact(@Body Map<String, Object> contact, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        String crmId = String.valueOf(contact.get("id"));
        Optional<Binding> person = bindings.byCrmId(SyncModule.ACCOUNTS, BindingKind.PERSON, crmId);
        if (run.dryRun()) {
            run.add(Flow.PULL, Count.NOT_COPIED);
            plans.add(run, Flow.PULL, PlanBook.Action.NOT_COPIED, crmId, person.map(Binding::inventoryId).orElse(null),
                    mapper.nameOf(RecordType.PERSON, contact), null, person.isPresent()
                            ? "a contact with no account; its contact person would be removed" : "a contact with no account");
            return;
        }
        if (person.isPresent()) {
            inventory.deletePerson(person.get().inventoryId());
            bindings.unbind(SyncModule.ACCOUNTS, BindingKind.PERSON, crmId);
        }
        run.add(Flow.PULL, Count.NOT_COPIED);
    }

    /**
     * A completed group: the account's {@link PullItem} when the account must be written (a new
     * customer carries every person inline), and the persons to write one by one under a bound customer.
     */
    @SuppressWarnings("unchecked")
    public GroupPlan plan(@Body Map<String, Object> group, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        String accountId = (String) group.get(AccountGroupAggregation.ACCOUNT_ID);
        Map<String, Object> account = (Map<String, Object>) group.get(AccountGroupAggregation.ACCOUNT);
        List<Map<String, Object>> contacts = (List<Map<String, Object>>) group.get(AccountGroupAggregation.CONTACTS);
        // a contact read twice (the overlap of two CRM query windows) is in the group once
        run.add(Flow.PULL, Count.UNCHANGED, ((Number) group.getOrDefault(AccountGroupAggregation.REREAD, 0)).intValue());
        if (account != null) {
            dependencies.resolve(account, run, RecordType.ACCOUNT);
        }
        for (Map<String, Object> contact : contacts) {
            dependencies.resolve(contact, run, RecordType.PERSON);
        }
        Optional<Binding> customer = bindings.byCrmId(SyncModule.ACCOUNTS, BindingKind.RECORD, accountId);
        if (customer.isEmpty() && account == null) {
            // Contacts of an account this run did not read: outside the chosen view, or not synced.
            run.add(Flow.PULL, Count.SKIPPED, contacts.size());
            return GroupPlan.NOTHING;
        }
        if (customer.isEmpty()) {
            // A new customer carries every contact inline. Should the pull find it was created by
            // an interrupted run (and adopt it), personsToWrite writes the persons one by one.
            PullItem item = records.item(run, RecordType.ACCOUNT, account, null);
            List<Map<String, Object>> all = run.pullSince() == null ? contacts : allContactsOf(run, accountId, contacts);
            List<PullItem> persons = new ArrayList<>();
            for (Map<String, Object> c : all) {
                persons.add(records.item(run, RecordType.PERSON, c, null));
            }
            item.setPersons(persons);
            return new GroupPlan(item, List.of());
        }
        return new GroupPlan(account == null ? null : records.item(run, RecordType.ACCOUNT, account, null),
                entries(contacts, customer.get().inventoryId()));
    }

    /**
     * The persons to write one by one once the account was handled: those of a bound customer, or a
     * new account's contacts when the account was not created but matched an existing customer
     * (adopted after a crash, or taken over by OVERWRITE).
     */
    public List<PersonEntry> personsToWrite(@ExchangeProperty(SyncExchange.GROUP) GroupPlan plan,
            @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        PullItem account = plan.account();
        if (account != null && (account.getOutcome() == Outcome.REMOVED
                || account.isRecreated() && account.getOutcome() == Outcome.DUPLICATE_SKIPPED)) {
            // the customer is gone and its pair removed (delete policy): its contacts go nowhere
            run.add(Flow.PULL, Count.SKIPPED, plan.persons().size());
            return List.of();
        }
        if (account != null && account.isRecreated() && account.getInventoryId() != null) {
            // the customer was created again: every contact of the account becomes its person again
            List<Map<String, Object>> changed = plan.persons().stream().map(PersonEntry::contact).toList();
            return entries(allContactsOf(run, account.crmId(), changed), account.getInventoryId());
        }
        if (account == null || account.getPersons().isEmpty()) {
            return plan.persons();
        }
        if (account.getAction() != Action.UPDATE || account.getInventoryId() == null) {
            return List.of();
        }
        // adopted: the customer's own persons are read once, and each contact matched to one of them first
        List<Map<String, Object>> candidates = java.util.Collections.synchronizedList(
                new ArrayList<>(inventory.persons(account.getInventoryId())));
        List<PersonEntry> out = new ArrayList<>();
        for (PullItem p : account.getPersons()) {
            out.add(new PersonEntry(p.crm(), account.getInventoryId(), candidates));
        }
        return out;
    }

    /**
     * A new customer found by an incremental run: its contacts that did not change since the last
     * run were not read, so they are fetched from the account's related list (one read).
     */
    private List<Map<String, Object>> allContactsOf(RunProgress run, String accountId, List<Map<String, Object>> changed) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> c : crm.relatedRecords(mapper.mapping(RecordType.ACCOUNT).crmModule(), accountId,
                mapper.mapping(RecordType.PERSON).crmModule(), CrmPages.fields(mapper.mapping(RecordType.PERSON), RecordType.PERSON))) {
            byId.put(String.valueOf(c.get("id")), c);
        }
        for (Map<String, Object> c : changed) {
            byId.put(String.valueOf(c.get("id")), c);
        }
        // the unchanged contacts read from the related list are records read too
        run.add(Flow.PULL, Count.READ, byId.size() - changed.size());
        return new ArrayList<>(byId.values());
    }

    private static List<PersonEntry> entries(List<Map<String, Object>> contacts, String customerId) {
        List<PersonEntry> out = new ArrayList<>();
        for (Map<String, Object> c : contacts) {
            out.add(new PersonEntry(c, customerId));
        }
        return out;
    }
}
