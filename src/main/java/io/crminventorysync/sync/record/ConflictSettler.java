package io.crminventorysync.sync.record;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.Flow;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Settles a bound record (or contact person) that both sides changed since the last sync. The
 * bindings keep one fingerprint per side, not the values, so which side changed which field is
 * unknown: every mapped field whose values now differ is decided by the module's conflict policy,
 * each is written to the run's history (kind CONFLICT, both values), and the fields Inventory won
 * are written to CRM, so that no edit is lost silently.
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
     * @param crmChanges the fields Inventory won, written to CRM; empty when CRM won every field
     */
    public record Settlement(Map<String, Object> merged, Map<String, Object> crmChanges) {
    }

    /** Decides every differing field, records each, and writes the fields Inventory won to CRM. */
    public Settlement settle(RunProgress run, RecordType type, String crmId, String inventoryId,
            Map<String, Object> crmRecord, Map<String, Object> inventoryRecord) {
        RecordMapping mapping = mapper.mapping(type);
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
            if (same(field, c, i)) {
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
            history.addError(run.runId(), Flow.PULL, EntryKind.CONFLICT, crmId, field,
                    "both sides changed since the last sync: CRM '" + show(c) + "', Inventory " + inventoryId + " '"
                            + show(i) + "'; kept the " + (inventoryWins ? "Inventory" : "CRM") + " value (" + policy + ")",
                    null);
        }
        if (!changes.isEmpty()) {
            crm.updateFields(mapping.crmModule(), crmId, changes);
        }
        return new Settlement(merged, changes);
    }

    /** Later by modified time; a tie goes to CRM, the master in the product description. */
    private static boolean isAfter(Instant inventory, Instant crm) {
        return inventory != null && (crm == null || inventory.isAfter(crm));
    }

    private static boolean same(String field, Object a, Object b) {
        Map<String, Object> x = new HashMap<>();
        x.put(field, a);
        Map<String, Object> y = new HashMap<>();
        y.put(field, b);
        return RecordMapping.fingerprint(x).equals(RecordMapping.fingerprint(y));
    }

    private static String show(Object v) {
        if (v instanceof Map<?, ?> m && m.containsKey("id")) {
            return "id " + m.get("id");
        }
        return v == null ? "" : v.toString();
    }
}
