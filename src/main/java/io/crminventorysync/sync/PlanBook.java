package io.crminventorysync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.sync.SyncEnums.Flow;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A preview's plan, record by record: what a sync would do (CREATE, UPDATE with the fields that
 * would change, UNCHANGED, DUPLICATE_SKIP, DUPLICATE_OVERWRITE, DUPLICATE_CLONE, NOT_COPIED, ERROR).
 * At most {@code sync.preview.max-entries} entries are kept per run; its counts stay exact.
 */
@Component
public class PlanBook {

    /** What a sync would do with one record. */
    public enum Action { CREATE, UPDATE, UNCHANGED, DUPLICATE_SKIP, DUPLICATE_OVERWRITE, DUPLICATE_CLONE, NOT_COPIED, ERROR }

    /** One field an update would change. */
    public record Change(String field, Object from, Object to) {
    }

    private final RunStore store;
    private final SyncProperties properties;
    private final ObjectMapper json;

    public PlanBook(RunStore store, SyncProperties properties, ObjectMapper json) {
        this.store = store;
        this.properties = properties;
        this.json = json;
    }

    public void add(RunProgress run, Flow flow, Action action, String crmId, String inventoryId, String name,
            List<Change> changes, String reason) {
        if (!run.plan(properties.getPreview().getMaxEntries())) {
            return;
        }
        store.addPlan(run.runId(), flow, action.name(), crmId, inventoryId, name, changes == null || changes.isEmpty() ? null
                : write(changes), reason);
    }

    private String write(List<Change> changes) {
        try {
            return json.writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            return changes.toString();
        }
    }

    /** A stored entry's changes read back. */
    public List<Map<String, Object>> changes(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            return json.readValue(stored, json.getTypeFactory().constructCollectionType(List.class, Map.class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
