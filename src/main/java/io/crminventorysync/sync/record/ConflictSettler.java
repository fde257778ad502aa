package io.crminventorysync.sync.record;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The three-way merge of a bound record (or contact person) that both sides changed since the last
 * sync, field by field against the binding's base (the last synced value of each field): a field
 * changed on one side only takes that side's value, whatever the policy; only a field changed on
 * both sides goes to the module's conflict policy, and each such conflict is written to the run's
 * history with the base, both values and the winner. The fields Inventory won are written to CRM.
 * A binding without a base (stored before bases existed) cannot tell who changed what: every
 * differing field goes to the policy, as a conflict.
 */
@Component
public class ConflictSettler {

    private final RunStore history;
    private final RecordMapper mapper;
    private final CrmGateway crm;

    public ConflictSettler(RunStore history, RecordMapper mapper, CrmGateway crm) {
        this.history = history;
        this.mapper = mapper;
        this.crm = crm;
    }

    /**
     * @param merged     the CRM record as it must now read (the CRM record, with the fields Inventory won)
     * @param crmChanges the fields Inventory won, written to CRM; empty when CRM holds every merged value
     */
    public record Settlement(Map<String, Object> merged, Map<String, Object> crmChanges) {
    }

    /** Merges both sides against the base, records each true conflict, and writes the fields Inventory won to CRM. */
    public Settlement settle(RunProgress run, RecordType type, String crmId, String inventoryId,
            Map<String, Object> crmRecord, Map<String, Object> inventoryRecord, Map<String, Object> base) {
        // Both sides in CRM terms and in the same shape: the CRM record goes there and back through
        // the mapping, so transforms (trim, truncate, lookups as {id}) apply to both alike.
        Map<String, Object> crmSide = mapper.toCrm(type, mapper.toInventory(type, crmRecord, false), false);
        Map<String, Object> inventorySide = mapper.toCrm(type, inventoryRecord, false);
        ConflictPolicy policy = run.settings().conflictPolicy();
        boolean inventoryLater = isAfter(InventoryClient.parseTime(inventoryRecord.get("last_modified_time")),
                CrmClient.parseTime(crmRecord.get("Modified_Time")));

        Map<String, Object> merged = new LinkedHashMap<>(crmRecord);
        Map<String, Object> changes = new LinkedHashMap<>();
        Set<String> fields = new LinkedHashSet<>(crmSide.keySet());
        fields.addAll(inventorySide.keySet());
        for (String field : fields) {
            Object c = crmSide.get(field);
            Object i = inventorySide.get(field);
            if (RecordMapper.same(field, c, i)) {
                continue;
            }
            boolean known = base != null && base.containsKey(field);
            Object b = known ? base.get(field) : null;
            if (known && RecordMapper.same(field, i, b)) {
                continue; // only CRM changed it: the CRM value goes to Inventory
            }
            if (known && RecordMapper.same(field, c, b)) {
                merged.put(field, i); // only Inventory changed it: the Inventory value goes to CRM
                changes.put(field, i);
                continue;
            }
            boolean inventoryWins = switch (policy) {
                case CRM_WINS -> false;
                case INVENTORY_WINS -> true;
                case LATEST_WINS -> inventoryLater;
            };
            if (inventoryWins) {
                merged.put(field, i);
                changes.put(field, i);
            }
            history.addConflict(run.runId(), crmId, field,
                    "both sides changed since the last sync" + (known ? " (base '" + show(b) + "')" : " (no base known)")
                            + ": CRM '" + show(c) + "', Inventory " + inventoryId + " '" + show(i) + "'; kept the "
                            + (inventoryWins ? "Inventory" : "CRM") + " value (" + policy + ")",
                    known ? show(b) : null, show(c), show(i), inventoryWins ? "INVENTORY" : "CRM");
        }
        if (!changes.isEmpty()) {
            crm.updateFields(mapper.mapping(type).crmModule(), crmId, changes);
        }
        return new Settlement(merged, changes);
    }

    /** Later by modified time; a tie goes to CRM, the master in the product description. */
    private static boolean isAfter(Instant inventory, Instant crm) {
        return inventory != null && (crm == null || inventory.isAfter(crm));
    }

    private static String show(Object v) {
        if (v instanceof Map<?, ?> m && m.containsKey("id")) {
            return "id " + m.get("id");
        }
        return v == null ? "" : v.toString();
    }
}
