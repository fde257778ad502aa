package io.crminventorysync.sync.pull;

import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.record.AmbiguousWrites;
import io.crminventorysync.sync.record.ContactPersons;
import io.crminventorysync.sync.record.InventoryEntity;
import io.crminventorysync.sync.record.InventoryGateway;
import io.crminventorysync.sync.record.Outcome;
import io.crminventorysync.sync.record.PairRemoval;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.sync.record.RecordMapper;
import io.crminventorysync.sync.pull.PullItem.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Contact persons on the pull: inline with a new customer (and bound from its answer), or one by one
 * under a bound customer (routes/pull-person.xml): updated in place, moved from another customer,
 * or added.
 */
@Component("personWriter")
public class PersonWriter {

    private final RecordMapper mapper;
    private final BindingStore bindings;
    private final InventoryGateway inventory;
    private final PullRecords records;
    private final PullWriter writer;
    private final PairRemoval removal;
    private final AmbiguousWrites ambiguous;

    public PersonWriter(RecordMapper mapper, BindingStore bindings, InventoryGateway inventory, PullRecords records,
            @Lazy PullWriter writer, PairRemoval removal, AmbiguousWrites ambiguous) {
        this.removal = removal;
        this.ambiguous = ambiguous;
        this.mapper = mapper;
        this.bindings = bindings;
        this.inventory = inventory;
        this.records = records;
        this.writer = writer;
    }

    /** A CRM contact of a bound customer becomes the person's {@link PullItem}, its fingerprint covering the customer. */
    public PullItem person(@Body PersonEntry entry, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        PullItem person = records.item(run, RecordType.PERSON, entry.contact(), entry.customerId());
        person.setCandidates(entry.candidates());
        return person;
    }

    /**
     * Writes one person: updated in place when bound under this customer, moved (deleted there,
     * created here) when bound under another, created when new. A create interrupted before its
     * binding is found again among the customer's persons and adopted.
     */
    public void write(@Body PullItem person, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        if (run.wasUnlinked(person.crmId())) {
            person.setOutcome(Outcome.REMOVED);
            return;
        }
        String customerId = person.inventoryParentId();
        Optional<Binding> bound = bindings.byCrmId(person.module(), BindingKind.PERSON, person.crmId());
        person.setBinding(bound.orElse(null));
        if (bound.isPresent() && customerId.equals(bound.get().inventoryParentId())) {
            person.setInventoryId(bound.get().inventoryId());
            person.setAction(Action.UPDATE);
            if (person.fingerprint().equals(bound.get().crmFingerprint())) {
                person.setOutcome(Outcome.UNCHANGED);
                return;
            }
            Map<String, Object> crm = writer.settleIfBothChanged(person, bound.get(), run);
            Map<String, Object> payload = crm == person.crm() ? person.payload() : mapper.toInventory(RecordType.PERSON, crm, true);
            try {
                records.seen(person, inventory.updatePerson(customerId, bound.get().inventoryId(), payload));
                person.setOutcome(Outcome.UPDATED);
                return;
            } catch (ZohoApiException e) {
                if (e.kind() != ZohoApiException.Kind.NOT_FOUND) {
                    throw e;
                }
                // the person was deleted in Inventory: the delete policy decides
                person.setBinding(null);
                if (removal.inventoryGone(run, RecordType.PERSON, bound.get(), Flow.PULL) == PairRemoval.Next.NOTHING) {
                    person.setOutcome(Outcome.REMOVED);
                    return;
                }
                bound = Optional.empty();
            }
        }
        if (bound.isPresent()) {
            inventory.deletePerson(bound.get().inventoryId());
            bindings.unbind(person.module(), BindingKind.PERSON, person.crmId());
            person.setBinding(null);
            person.setNote("moved from customer " + bound.get().inventoryParentId());
        }
        List<Map<String, Object>> candidates = person.getCandidates();
        if (candidates == null && (run.settings().twoWay()
                || bindings.pendingCreate(person.module(), BindingKind.PERSON, Flow.PULL, person.crmId()).isPresent())) {
            // sent by an interrupted earlier run, or (two-way) added in Inventory too: it may be there already
            candidates = new ArrayList<>(inventory.persons(customerId).stream().filter(p -> bindings.byInventoryId(
                    person.module(), BindingKind.PERSON, InventoryEntity.CONTACT_PERSON.idOf(p)).isEmpty()).toList());
        }
        if (candidates != null) {
            Optional<Map<String, Object>> existing;
            synchronized (candidates) {
                existing = ContactPersons.match(candidates, person.payload());
                existing.ifPresent(candidates::remove);
            }
            if (existing.isPresent()) {
                adopt(person, customerId, existing.get());
                return;
            }
        }
        bindings.journalCreate(person.module(), BindingKind.PERSON, Flow.PULL, person.crmId(), customerId);
        Map<String, Object> created = ambiguous.create("contact person of " + customerId,
                () -> inventory.createPerson(customerId, person.payload()),
                () -> ContactPersons.match(unboundPersons(person, customerId), person.payload()),
                () -> bindings.clearPendingCreate(person.module(), BindingKind.PERSON, Flow.PULL, person.crmId()));
        person.setInventoryId(InventoryEntity.CONTACT_PERSON.idOf(created));
        records.seen(person, created);
        person.setAction(Action.CREATE);
        person.setOutcome(Outcome.CREATED);
    }

    /** The customer's persons that no contact is bound to: where a create that got no answer would be. */
    private List<Map<String, Object>> unboundPersons(PullItem person, String customerId) {
        return inventory.persons(customerId).stream().filter(p -> bindings.byInventoryId(person.module(),
                BindingKind.PERSON, InventoryEntity.CONTACT_PERSON.idOf(p)).isEmpty()).toList();
    }

    /** A contact matched to a person the customer already had: bound to it, and updated where they differ. */
    private void adopt(PullItem person, String customerId, Map<String, Object> existing) {
        String personId = InventoryEntity.CONTACT_PERSON.idOf(existing);
        person.setInventoryId(personId);
        person.setAction(Action.UPDATE);
        boolean differs = person.payload().entrySet().stream()
                .anyMatch(e -> !RecordMapper.same(e.getKey(), e.getValue(), existing.get(e.getKey())));
        if (differs) {
            records.seen(person, inventory.updatePerson(customerId, personId, person.payload()));
            person.setOutcome(Outcome.UPDATED);
        } else {
            records.seen(person, existing);
            person.setOutcome(Outcome.UNCHANGED);
        }
    }

    /** Stores the person's binding under its customer, with what Inventory holds after our write. */
    public void bind(@Body PullItem person) {
        if (person.getOutcome() != Outcome.REMOVED) {
            records.store(person);
        }
    }

    /** The contact persons of a new customer's create, one of them primary by {@link ContactPersons#primaryOf}. */
    List<Map<String, Object>> inlinePayload(List<PullItem> persons) {
        PullItem primary = ContactPersons.primaryOf(persons, PullItem::crm);
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

    /**
     * Binds the persons Inventory created inline with a customer (an account's contacts, or an
     * individual's own person). Inventory answers them in the order sent; each is matched by name
     * and email as well, so a reordering cannot cross-bind.
     */
    void bindInline(PullItem customer, Map<String, Object> created) {
        List<PullItem> persons = hasOwnPerson(customer.type())
                ? List.of(ownPerson(customer)) : customer.getPersons();
        if (persons.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> answered = (List<Map<String, Object>>) created.getOrDefault("contact_persons", List.of());
        List<Map<String, Object>> unmatched = new ArrayList<>(answered);
        for (PullItem person : persons) {
            Optional<Map<String, Object>> match = ContactPersons.find(unmatched, person.payload());
            if (match.isEmpty()) {
                continue;
            }
            unmatched.remove(match.get());
            // The fingerprints a later run computes for this person cover its customer: stored so,
            // a contact read again unchanged costs no write (and an Inventory person no push).
            String crmFingerprint = records.item(RecordType.PERSON, person.crm(), customer.getInventoryId()).fingerprint();
            Map<String, Object> values = mapper.toCrm(RecordType.PERSON, match.get(), false);
            bindings.bind(new Binding(customer.module(), BindingKind.PERSON, person.crmId(),
                    InventoryEntity.CONTACT_PERSON.idOf(match.get()), customer.getInventoryId(), crmFingerprint,
                    mapper.inventoryFingerprintOfValues(values, customer.getInventoryId()), person.crmModifiedTime(),
                    Instant.now(), mapper.base(values)), Flow.PULL, person.crmId());
        }
    }

    /**
     * A record whose mapping writes {@code contact_persons.0.*} (an individual customer, a vendor)
     * has one contact person of its own, bound under the record's CRM id.
     */
    boolean hasOwnPerson(RecordType type) {
        return type != RecordType.ACCOUNT && type != RecordType.PERSON
                && mapper.mapping(type).inventoryFields().stream().anyMatch(f -> f.startsWith("contact_persons."));
    }

    /** The record's own contact person (see {@link #hasOwnPerson}), bound under the record's CRM id. */
    private PullItem ownPerson(PullItem individual) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inline = (List<Map<String, Object>>) individual.payload().get("contact_persons");
        Map<String, Object> person = inline == null || inline.isEmpty() ? Map.of() : inline.get(0);
        return new PullItem(RecordType.PERSON, individual.crmId(), individual.crm(), person,
                individual.fingerprint(), individual.crmModifiedTime(), null);
    }

    /** An update names the record's own bound person, so Inventory updates that person instead of adding one. */
    void attachPersonId(PullItem individual, Map<String, Object> payload) {
        Object persons = payload.get("contact_persons");
        Optional<Binding> person = bindings.byCrmId(individual.module(), BindingKind.PERSON, individual.crmId());
        if (persons instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first && person.isPresent()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) first;
            p.put("contact_person_id", person.get().inventoryId());
        }
    }
}
