package io.crminventorysync.sync.push;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmWriteResult;
import io.crminventorysync.http.ZohoApi;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.mapping.MappingContext;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import io.crminventorysync.sync.SyncEnums.SyncDirection;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Settles a bound record that both sides changed since the last sync. The bindings keep one
 * fingerprint per side, not the values, so which side changed which field is unknown: every mapped
 * field whose values now differ is decided by the module's conflict policy, and each is written to
 * the run's history (kind CONFLICT, both values) so that no edit is lost silently.
 */
@Component
public class Conflicts {

    public static final String KIND = "CONFLICT";

    private final RunStore runStore;
    private final CrmClient crm;

    public Conflicts(RunStore runStore, CrmClient crm) {
        this.runStore = runStore;
        this.crm = crm;
    }

    /**
     * @param merged     the CRM record as it must now read (the CRM record, with the fields Inventory won)
     * @param crmChanges the fields Inventory won, to write to CRM; empty when CRM won every field
     */
    public record Resolution(Map<String, Object> merged, Map<String, Object> crmChanges) {
    }

    public Resolution resolve(RunProgress run, RecordMapping mapping, String crmId, String inventoryId,
            Map<String, Object> crmRecord, Map<String, Object> inventoryRecord, MappingContext ctx) {
        // Both sides in CRM terms and in the same shape: the CRM record goes there and back through
        // the mapping, so transforms (trim, truncate, lookups as {id}) apply to both alike.
        Map<String, Object> crmSide = mapping.toCrm(mapping.toInventory(crmRecord, ctx, false), ctx, false);
        Map<String, Object> inventorySide = mapping.toCrm(inventoryRecord, ctx, false);
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
            runStore.addError(run.runId(), SyncDirection.PULL, KIND, crmId, field,
                    "both sides changed since the last sync: CRM '" + show(c) + "', Inventory " + inventoryId + " '"
                            + show(i) + "'; kept the " + (inventoryWins ? "Inventory" : "CRM") + " value (" + policy + ")",
                    null);
        }
        return new Resolution(merged, changes);
    }

    /** Writes the fields Inventory won to the CRM record; a refusal fails the record (a pull error naming the field). */
    public void writeToCrm(String crmModule, String crmId, Map<String, Object> changes) {
        Map<String, Object> record = new LinkedHashMap<>(changes);
        record.put("id", crmId);
        CrmWriteResult result = crm.update(crmModule, List.of(record)).get(0);
        if (!result.isSuccess()) {
            throw new ZohoApiException(ZohoApiException.Kind.INVALID_DATA, ZohoApi.CRM, "update " + crmModule + " " + crmId,
                    0, result.rawCode(), result.message(), result.field());
        }
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
