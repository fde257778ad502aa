package io.crminventorysync.sync.pull;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.mapping.MappingException;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.record.InventoryEntity;
import io.crminventorysync.sync.record.InventoryGateway;
import io.crminventorysync.sync.record.Outcome;
import io.crminventorysync.sync.record.RecordMapper;
import io.crminventorysync.sync.pull.PullItem.Action;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bookkeeping steps of pulling one CRM record, called in order by routes/pull-record.xml and
 * routes/pull-item.xml: {@link #map}, then (past the idempotent repository) {@link #resolve}, the
 * write ({@link PullWriter}), {@link #bind} and {@link #count}.
 */
@Component("pullRecords")
public class PullRecords {

    private static final Logger log = LoggerFactory.getLogger(PullRecords.class);

    private final RecordMapper mapper;
    private final BindingStore bindings;
    private final InventoryGateway inventory;
    private final RunStore history;

    public PullRecords(RecordMapper mapper, BindingStore bindings, InventoryGateway inventory, RunStore history) {
        this.mapper = mapper;
        this.bindings = bindings;
        this.inventory = inventory;
        this.history = history;
    }

    /** A CRM record as read becomes a {@link PullItem} with its mapped values and fingerprint. */
    public PullItem map(@Body Map<String, Object> crm, @ExchangeProperty(SyncExchange.RECORD) RecordType type,
            @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        return item(run, type, crm, null);
    }

    /** As {@link #item(RecordType, Map, String)}; in a preview, lookups of records it would create first map too. */
    public PullItem item(RunProgress run, RecordType type, Map<String, Object> crm, String parentId) {
        if (run == null || !run.dryRun() || run.plannedBindings().isEmpty()) {
            return item(type, crm, parentId);
        }
        Map<String, Object> payload = mapper.toInventory(type, crm, true, run.plannedBindings());
        PullItem item = new PullItem(type, String.valueOf(crm.get("id")), crm, payload, mapper.crmFingerprint(type, payload, parentId),
                CrmClient.parseTime(crm.get("Modified_Time")), parentId);
        item.setName(mapper.nameOf(type, crm));
        return item;
    }

    /**
     * Maps one CRM record. A person's fingerprint also covers the customer it belongs to
     * ({@code parentId}), so that a contact moved to another account counts as changed.
     */
    public PullItem item(RecordType type, Map<String, Object> crm, String parentId) {
        Map<String, Object> payload = mapper.toInventory(type, crm, true);
        PullItem item = new PullItem(type, String.valueOf(crm.get("id")), crm, payload, mapper.crmFingerprint(type, payload, parentId),
                CrmClient.parseTime(crm.get("Modified_Time")), parentId);
        item.setName(mapper.nameOf(type, crm));
        return item;
    }

    /**
     * Decides create or update: a bound record is updated; a record whose create was sent but never
     * bound (crash, failure in between) is looked up by the name it was created under and adopted;
     * anything else is created (a name already taken in Inventory is then a duplicate, see
     * {@link PullWriter#write}).
     */
    public void resolve(@Body PullItem item, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        Optional<Binding> binding = bindings.byCrmId(item.module(), item.type().kind(), item.crmId());
        item.setBinding(binding.orElse(null));
        if (binding.isPresent()) {
            item.setAction(Action.UPDATE);
            item.setInventoryId(binding.get().inventoryId());
            return;
        }
        InventoryEntity entity = mapper.entity(item.type());
        if (run.wasUnlinked(item.crmId())) {
            // its pair was removed by the delete policy earlier in this run: not created again now
            item.setOutcome(Outcome.REMOVED);
            return;
        }
        Optional<String> pending = bindings.pendingCreate(item.module(), item.type().kind(), Flow.PULL, item.crmId());
        if (pending.isPresent() && entity != InventoryEntity.CONTACT_PERSON) {
            Optional<Map<String, Object>> existing = inventory.findByKey(entity, pending.get());
            if (existing.isPresent()) {
                log.info("{}: adopting Inventory {} '{}' created by an interrupted earlier run", item, entity, pending.get());
                item.setAction(Action.UPDATE);
                item.setInventoryId(entity.idOf(existing.get()));
                item.setNote("adopted");
                return;
            }
        }
        item.setAction(Action.CREATE);
        item.setTargetName(mapper.inventoryKey(item.type(), item.payload()));
    }

    /** Notes what Inventory holds after our write, so the binding stores it and the push sees no change. */
    void seen(PullItem item, Map<String, Object> written) {
        if (written == null) {
            return;
        }
        try {
            Map<String, Object> values = mapper.toCrm(item.type(), written, false);
            item.setInventoryFingerprint(mapper.inventoryFingerprintOfValues(values, item.inventoryParentId()));
            item.setBase(mapper.base(values));
        } catch (MappingException unmappable) {
            // A value CRM cannot take (e.g. an unbound lookup): the next push reports it on the record.
            item.setInventoryFingerprint(null);
            item.setBase(null);
        }
        item.setInventoryModifiedTime(InventoryClient.parseTime(written.get("last_modified_time")));
    }

    /** Stores the binding with the fingerprint of what was written: the step that records success. */
    public void bind(@Body PullItem item) {
        if (item.getOutcome() != Outcome.DUPLICATE_SKIPPED && item.getOutcome() != Outcome.REMOVED) {
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
        String base = item.getBase() != null ? item.getBase() : same.map(Binding::base).orElse(null);
        Binding b = new Binding(item.module(), item.type().kind(), item.crmId(), item.getInventoryId(),
                item.inventoryParentId(), item.getBoundFingerprint(), inventoryFingerprint, item.crmModifiedTime(),
                inventoryModified, base);
        if (same.isPresent()) {
            bindings.touch(b);
        } else {
            bindings.bind(b, Flow.PULL, item.crmId());
        }
    }

    /** Counts the record's outcome and notes a skipped duplicate in the run's history. */
    public void count(@Body PullItem item, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        switch (item.getOutcome()) {
            case DUPLICATE_SKIPPED -> {
                // a new customer's contacts are skipped with it
                run.add(Flow.PULL, Count.SKIPPED, item.records());
                history.addError(run.runId(), Flow.PULL, EntryKind.DUPLICATE_SKIPPED, item.crmId(), null, item.getNote(), null);
            }
            case UNCHANGED -> run.add(Flow.PULL, Count.UNCHANGED);
            case REMOVED -> run.add(Flow.PULL, Count.SKIPPED);
            case CREATED -> run.add(Flow.PULL, Count.CREATED, 1 + item.getPersons().size());
            case UPDATED -> run.add(Flow.PULL, Count.UPDATED);
        }
    }

    /** A record the idempotent repository has seen with the same fingerprint: no API call at all. */
    public void unchanged(@Body PullItem item, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        run.add(Flow.PULL, Count.UNCHANGED, item.records());
    }
}
