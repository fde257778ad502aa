package io.crminventorysync.sync.push;

import io.crminventorysync.sync.Excerpted;
import io.crminventorysync.sync.RecordType;
import java.time.Instant;
import java.util.Map;

/**
 * One Inventory record on its way to CRM: what it maps to, its Inventory-side fingerprint, and
 * whether CRM gets a new record or an update of the bound one. The body of the push routes.
 */
public final class PushItem implements Excerpted {

    public enum Action { CREATE, UPDATE }

    private final RecordType type;
    private final String inventoryId;
    private final String inventoryParentId;
    private final Map<String, Object> payload;
    private final String inventoryFingerprint;
    private final Instant inventoryModifiedTime;
    private final String base;
    private final String name;
    private Action action;
    private String crmId;

    PushItem(RecordType type, String inventoryId, String inventoryParentId, Map<String, Object> payload,
            String inventoryFingerprint, Instant inventoryModifiedTime, String base, String name) {
        this.name = name;
        this.type = type;
        this.inventoryId = inventoryId;
        this.inventoryParentId = inventoryParentId;
        this.payload = payload;
        this.inventoryFingerprint = inventoryFingerprint;
        this.inventoryModifiedTime = inventoryModifiedTime;
        this.base = base;
    }

    public RecordType type() { return type; }
    public String inventoryId() { return inventoryId; }
    /** A contact person's customer (Inventory id); null for anything else. */
    public String inventoryParentId() { return inventoryParentId; }
    /** The CRM record to send (with "id" for an update: then only the fields Inventory changed since the base). */
    public Map<String, Object> payload() { return payload; }
    public String inventoryFingerprint() { return inventoryFingerprint; }
    public Instant inventoryModifiedTime() { return inventoryModifiedTime; }
    /** The base the binding keeps once this is written: the Inventory record's values in CRM terms (JSON). */
    public String base() { return base; }

    @Override
    public Object shown() {
        return payload;
    }

    @Override
    public String name() {
        return name;
    }

    public Action getAction() { return action; }
    public String getCrmId() { return crmId; }

    void create() {
        this.action = Action.CREATE;
        this.crmId = null;
        payload.remove("id");
    }

    void update(String crmId) {
        this.action = Action.UPDATE;
        this.crmId = crmId;
        payload.put("id", crmId);
    }

    @Override
    public String toString() {
        return type.mappingName() + " " + inventoryId;
    }
}
