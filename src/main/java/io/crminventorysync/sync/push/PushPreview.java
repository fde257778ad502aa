package io.crminventorysync.sync.push;

import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.PlanBook;
import io.crminventorysync.sync.PlanBook.Change;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.push.PushItem.Action;
import io.crminventorysync.sync.record.CrmGateway;
import io.crminventorysync.sync.record.DuplicateRule;
import io.crminventorysync.sync.record.RecordMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The push of a preview (dry run): the {@link PushItem}s {@link PushPlanner} planned are entered in
 * the plan as the {@link CrmBatchWriter} would decide them (an update with the fields Inventory
 * changed since the base; a create after the same key lookup in CRM, or a duplicate under the
 * module's policy) and counted as the sync would count them, with nothing sent to CRM.
 */
@Component("pushPreview")
public class PushPreview {

    private final RecordMapper mapper;
    private final BindingStore bindings;
    private final CrmGateway crm;
    private final PlanBook plans;

    public PushPreview(RecordMapper mapper, BindingStore bindings, CrmGateway crm, PlanBook plans) {
        this.mapper = mapper;
        this.bindings = bindings;
        this.crm = crm;
        this.plans = plans;
    }

    /** The planned writes of one page, entered in the plan. */
    public void plan(@Body List<PushItem> items, @ExchangeProperty(SyncExchange.RUN) RunProgress run) {
        if (items == null) {
            return;
        }
        for (PushItem item : items) {
            if (item.getAction() == Action.UPDATE) {
                run.add(Flow.PUSH, Count.UPDATED);
                Optional<Binding> binding = bindings.byCrmId(run.module(), item.type().kind(), item.getCrmId());
                plans.add(run, Flow.PUSH, PlanBook.Action.UPDATE, item.getCrmId(), item.inventoryId(), item.name(),
                        changes(item, binding.map(b -> mapper.base(b.base())).orElse(null)), null);
            } else {
                planCreate(run, item);
            }
        }
    }

    /** An unbound Inventory record: a new CRM record, unless its key is taken (then the duplicate policy). */
    private void planCreate(RunProgress run, PushItem item) {
        RecordMapping mapping = mapper.mapping(item.type());
        String key = mapper.crmKey(item.type(), item.payload());
        boolean pending = bindings.pendingCreate(run.module(), item.type().kind(), Flow.PUSH, item.inventoryId()).isPresent();
        List<Map<String, Object>> matches = key == null || key.isBlank() ? List.of()
                : crm.findByKey(mapping.crmModule(), mapping.crmKeyField(), key);
        if (matches.isEmpty()) {
            run.add(Flow.PUSH, Count.CREATED);
            plans.add(run, Flow.PUSH, PlanBook.Action.CREATE, null, item.inventoryId(), item.name(), null,
                    pending ? "sent by an interrupted run: sent again as an upsert on " + mapping.crmKeyField() : null);
            return;
        }
        String existingId = String.valueOf(matches.get(0).get("id"));
        Optional<String> owner = bindings.byCrmId(run.module(), item.type().kind(), existingId).map(Binding::inventoryId);
        switch (DuplicateRule.decide(run.settings().duplicatePolicy(), owner)) {
            case CLONE -> {
                run.add(Flow.PUSH, Count.CREATED);
                plans.add(run, Flow.PUSH, PlanBook.Action.DUPLICATE_CLONE, existingId, item.inventoryId(), item.name(), null,
                        "created beside CRM " + mapping.crmModule() + " " + existingId + " of the same "
                                + mapping.crmKeyField());
            }
            case OVERWRITE -> {
                run.add(Flow.PUSH, Count.UPDATED);
                plans.add(run, Flow.PUSH, PlanBook.Action.DUPLICATE_OVERWRITE, existingId, item.inventoryId(), item.name(),
                        changes(item, matches.get(0)), "the existing CRM record is taken over (duplicate policy OVERWRITE)");
            }
            case SKIP -> {
                run.add(Flow.PUSH, Count.SKIPPED);
                plans.add(run, Flow.PUSH, PlanBook.Action.DUPLICATE_SKIP, existingId, item.inventoryId(), item.name(), null,
                        DuplicateRule.skipReason("CRM " + mapping.crmModule(), key, existingId, owner, "Inventory record",
                                run.settings().duplicatePolicy()));
            }
        }
    }

    /** The CRM fields the write would set, each with the value CRM is known to hold (null when unknown). */
    private static List<Change> changes(PushItem item, Map<String, Object> known) {
        List<Change> out = new ArrayList<>();
        item.payload().forEach((field, value) -> {
            if (!"id".equals(field)) {
                Object from = known == null ? null : known.get(field);
                if (known == null || !RecordMapper.same(field, value, from)) {
                    out.add(new Change(field, from, value));
                }
            }
        });
        return out;
    }
}
