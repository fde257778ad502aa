package io.crminventorysync.sync.pull;

import io.crminventorysync.sync.Binding;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One CRM record on its way to Inventory: what it maps to, its fingerprint, and what the run decided
 * to do with it. The body of the per-record routes.
 */
public final class PullItem {

    /** What a record needs: decided by {@link PullSteps#resolve}. */
    public enum Action { CREATE, UPDATE, SKIP_DUPLICATE }

    private final String module;
    private final String record;
    private final String kind;
    private final String crmId;
    private final Map<String, Object> crm;
    private final Map<String, Object> payload;
    private final String fingerprint;
    private final Instant crmModifiedTime;
    private Action action;
    private String inventoryId;
    private String inventoryParentId;
    private String targetName;
    private String reason;
    private List<PullItem> persons = List.of();
    private String boundFingerprint;
    private String inventoryFingerprint;
    private Instant inventoryModifiedTime;
    private Binding binding;

    PullItem(String module, String record, String kind, String crmId, Map<String, Object> crm,
            Map<String, Object> payload, String fingerprint, Instant crmModifiedTime) {
        this.module = module;
        this.record = record;
        this.kind = kind;
        this.crmId = crmId;
        this.crm = crm;
        this.payload = payload;
        this.fingerprint = fingerprint;
        this.crmModifiedTime = crmModifiedTime;
    }

    public String module() { return module; }
    /** The mapping record: account, person, individual, vendor, product. */
    public String record() { return record; }
    public String kind() { return kind; }
    public String crmId() { return crmId; }
    public Map<String, Object> crm() { return crm; }
    /** The mapped Inventory fields as for a create (only-on-create fields included). */
    public Map<String, Object> payload() { return payload; }
    public String fingerprint() { return fingerprint; }
    public Instant crmModifiedTime() { return crmModifiedTime; }

    /** Key of Camel's idempotent repository: module, record, CRM id and the fingerprint of the mapped values. */
    public String getIdempotencyKey() {
        return module + ":" + record + ":" + crmId + ":" + fingerprint.substring(0, 32);
    }

    public Action getAction() { return action; }
    public void setAction(Action action) { this.action = action; }
    public String getInventoryId() { return inventoryId; }
    public void setInventoryId(String inventoryId) { this.inventoryId = inventoryId; }
    public String getInventoryParentId() { return inventoryParentId; }
    public void setInventoryParentId(String inventoryParentId) { this.inventoryParentId = inventoryParentId; }
    /** Name the record is created under (differs from the mapped name for a clone). */
    public String getTargetName() { return targetName; }
    public void setTargetName(String targetName) { this.targetName = targetName; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    /** Contact persons written inline with a new customer (accounts and their contacts). */
    public List<PullItem> getPersons() { return persons; }
    public void setPersons(List<PullItem> persons) { this.persons = persons; }

    /**
     * The CRM-side fingerprint the binding keeps: the fingerprint of the record as read, unless a
     * conflict was settled by writing some Inventory values back to CRM (then that of the merged record).
     */
    /** The binding the record was resolved against (null when unbound): read once, used by each step. */
    public Binding getBinding() { return binding; }
    public void setBinding(Binding binding) { this.binding = binding; }
    public String getBoundFingerprint() { return boundFingerprint != null ? boundFingerprint : fingerprint; }
    public void setBoundFingerprint(String boundFingerprint) { this.boundFingerprint = boundFingerprint; }
    /** The Inventory-side fingerprint of what Inventory answered to our write; null when nothing was written. */
    public String getInventoryFingerprint() { return inventoryFingerprint; }
    public void setInventoryFingerprint(String inventoryFingerprint) { this.inventoryFingerprint = inventoryFingerprint; }
    public Instant getInventoryModifiedTime() { return inventoryModifiedTime; }
    public void setInventoryModifiedTime(Instant inventoryModifiedTime) { this.inventoryModifiedTime = inventoryModifiedTime; }

    @Override
    public String toString() {
        return module + " " + record + " " + crmId;
    }
}
