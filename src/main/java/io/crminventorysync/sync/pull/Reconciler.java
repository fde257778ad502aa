package io.crminventorysync.sync.pull;

import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.inventory.InventoryPage;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncErrors;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.record.InventoryEntity;
import io.crminventorysync.sync.record.InventoryGateway;
import io.crminventorysync.sync.record.PairRemoval;
import io.crminventorysync.sync.record.RecordMapper;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Inventory half of a full pass (reconciliation), before the module's CRM records are all read:
 * Inventory's records of the module are listed page by page (every status) and compared with the
 * bindings. A binding whose Inventory record is not listed has lost it: the delete policy decides
 * ({@link PairRemoval#inventoryGone}); under RECREATE the binding is forgotten and the CRM pass that
 * follows creates the record again. A listed record changed since the binding (its
 * {@code last_modified_time} is later) is read whole (lists are summaries) and, if its values
 * drifted from what we last wrote while the module was one-way, its CRM record is marked for a
 * rewrite, which the CRM pass does. In two-way such a change is the push's to carry. A customer read
 * whole also shows its contact persons: a bound person it no longer has is gone too.
 *
 * <p>Calls: the list pages, plus one read per record changed since it was last synced.
 */
@Component("reconciler")
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final InventoryGateway inventory;
    private final BindingStore bindings;
    private final RecordMapper mapper;
    private final PairRemoval removal;
    private final SyncErrors errors;
    private final JdbcTemplate jdbc;

    public Reconciler(InventoryGateway inventory, BindingStore bindings, RecordMapper mapper, PairRemoval removal,
            SyncErrors errors, JdbcTemplate jdbc) {
        this.inventory = inventory;
        this.bindings = bindings;
        this.mapper = mapper;
        this.removal = removal;
        this.errors = errors;
        this.jdbc = jdbc;
    }

    public void inventoryPass(@ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        RecordType type = recordTypeOf(run);
        InventoryEntity entity = mapper.entity(type);
        int listed = 0;
        int drifted = 0;
        try {
            Iterator<InventoryPage> pages = inventory.allPages(entity, contactTypeOf(run.module()));
            while (run.failure() == null && pages.hasNext()) {
                List<Map<String, Object>> page = pages.next().records();
                Set<String> ids = new HashSet<>();
                for (Map<String, Object> record : page) {
                    ids.add(entity.idOf(record));
                }
                jdbc.batchUpdate("INSERT INTO sync_seen (run_id, inventory_id) VALUES (?, ?)",
                        ids.stream().map(id -> new Object[] {run.runId(), id}).toList());
                listed += ids.size();
                for (Map<String, Object> record : page) {
                    drifted += compare(run, type, entity, record) ? 1 : 0;
                }
            }
            if (run.failure() != null) {
                return;
            }
            int vanished = 0;
            for (Binding gone : jdbc.query("SELECT b.crm_id FROM sync_binding b WHERE b.module = ? AND b.kind = ?"
                            + " AND NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.run_id = ? AND s.inventory_id = b.inventory_id)",
                    (rs, i) -> rs.getString("crm_id"), run.module().id(), BindingKind.RECORD.column(), run.runId())
                    .stream().map(crmId -> bindings.byCrmId(run.module(), BindingKind.RECORD, crmId))
                    .flatMap(Optional::stream).toList()) {
                vanished++;
                handle(run, gone.crmId(), () -> removal.inventoryGone(run, type, gone, Flow.PULL));
            }
            log.info("Full pass of {}: {} Inventory records listed, {} drifted, {} bound records gone from Inventory",
                    run.module(), listed, drifted, vanished);
        } finally {
            jdbc.update("DELETE FROM sync_seen WHERE run_id = ?", run.runId());
        }
    }

    /** A listed record against its binding; true when it drifted and its CRM record is to be written again. */
    private boolean compare(RunProgress run, RecordType type, InventoryEntity entity, Map<String, Object> listed) {
        String id = entity.idOf(listed);
        Optional<Binding> binding = bindings.byInventoryId(run.module(), BindingKind.RECORD, id);
        Instant modified = InventoryClient.parseTime(listed.get("last_modified_time"));
        if (binding.isEmpty() || modified == null || binding.get().inventoryModifiedTime() == null
                || !modified.isAfter(binding.get().inventoryModifiedTime())) {
            return false;
        }
        boolean[] drift = {false};
        handle(run, binding.get().crmId(), () -> {
            Optional<Map<String, Object>> full = inventory.current(entity, id, null);
            if (full.isEmpty()) {
                return null;
            }
            if (type == RecordType.ACCOUNT) {
                personsGone(run, id, full.get());
            }
            String fingerprint = mapper.inventoryFingerprint(type, full.get(), null);
            if (!run.settings().twoWay() && !fingerprint.equals(binding.get().inventoryFingerprint())) {
                // One-way: CRM is the only master. The record is written again from CRM in this pass.
                bindings.touch(new Binding(binding.get().module(), binding.get().kind(), binding.get().crmId(), id,
                        binding.get().inventoryParentId(), null, binding.get().inventoryFingerprint(),
                        binding.get().crmModifiedTime(), binding.get().inventoryModifiedTime(), binding.get().base()));
                bindings.forgetProcessed(run.module(), binding.get().crmId());
                drift[0] = true;
            }
            return null;
        });
        return drift[0];
    }

    /** The persons bound under a customer that the customer no longer has: gone in Inventory. */
    @SuppressWarnings("unchecked")
    private void personsGone(RunProgress run, String customerId, Map<String, Object> customer) {
        Set<String> present = new HashSet<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) customer.getOrDefault("contact_persons", List.of())) {
            present.add(InventoryEntity.CONTACT_PERSON.idOf(p));
        }
        for (Binding person : bindings.personsOf(run.module(), customerId)) {
            if (!present.contains(person.inventoryId())) {
                removal.inventoryGone(run, RecordType.PERSON, person, Flow.PULL);
            }
        }
    }

    private void handle(RunProgress run, String crmId, java.util.function.Supplier<?> step) {
        try {
            step.get();
        } catch (RuntimeException e) {
            if (SyncErrors.isFatal(e)) {
                throw e;
            }
            // a pair the full pass could not repair: counted read and failed, retried by the next pass
            run.add(Flow.PULL, RunProgress.Count.READ);
            errors.record(run, Flow.PULL, crmId, e, null);
        }
    }

    private static RecordType recordTypeOf(RunProgress run) {
        return switch (run.module()) {
            case ACCOUNTS -> run.settings().crmSide() == CrmSide.CONTACTS ? RecordType.INDIVIDUAL : RecordType.ACCOUNT;
            case VENDORS -> RecordType.VENDOR;
            case PRODUCTS -> RecordType.PRODUCT;
        };
    }

    private static String contactTypeOf(SyncModule module) {
        return switch (module) {
            case ACCOUNTS -> "customer";
            case VENDORS -> "vendor";
            case PRODUCTS -> null;
        };
    }
}
