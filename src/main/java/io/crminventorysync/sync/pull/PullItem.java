package io.crminventorysync.sync.pull;

import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.Excerpted;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.record.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One CRM record on its way to Inventory: what it maps to, its fingerprint, what the run decided to
 * do with it and what became of it. The body of the per-record pull routes.
 */
public final class PullItem implements Excerpted {

    /** What a record needs, as {@link PullRecords#resolve} decides it. */
    public enum Action { CREATE, UPDATE }

    private final RecordType type;
    private final String crmId;
    private final Map<String, Object> crm;
    private final Map<String, Object> payload;
    private final String fingerprint;
    private final Instant crmModifiedTime;
    private final String inventoryParentId;
    private String name;
    private Action action;
    private Outcome outcome;
    private String inventoryId;
    private String targetName;
    private String note;
    private List<PullItem> persons = List.of();
    private String boundFingerprint;
    private String inventoryFingerprint;
    private Instant inventoryModifiedTime;
    private String base;
    private Binding binding;
    private boolean recreated;
    private List<Map<String, Object>> candidates;

    PullItem(RecordType type, String crmId, Map<String, Object> crm, Map<String, Object> payload, String fingerprint,
            Instant crmModifiedTime, String inventoryParentId) {
        this.type = type;
        this.crmId = crmId;
        this.crm = crm;
        this.payload = payload;
        this.fingerprint = fingerprint;
        this.crmModifiedTime = crmModifiedTime;
        this.inventoryParentId = inventoryParentId;
    }

    public RecordType type() { return type; }
    public SyncModule module() { return type.module(); }
    public String crmId() { return crmId; }
    public Map<String, Object> crm() { return crm; }
    /** The mapped Inventory fields as for a create (only-on-create fields included). */
    public Map<String, Object> payload() { return payload; }
    public String fingerprint() { return fingerprint; }
    public Instant crmModifiedTime() { return crmModifiedTime; }
    /** A contact person's customer (Inventory id); null for anything else. */
    public String inventoryParentId() { return inventoryParentId; }

    /** Key of Camel's idempotent repository: module, record, CRM id and the fingerprint of the mapped values. */
    public String getIdempotencyKey() {
        return type.module().id() + ":" + type.mappingName() + ":" + crmId + ":" + fingerprint.substring(0, 32);
    }

    @Override
    public Object shown() {
        return payload;
    }

    @Override
    public String name() {
        return name;
    }

    void setName(String name) {
        this.name = name;
    }

    @Override
    public int records() {
        return 1 + persons.size();
    }

    public Action getAction() { return action; }
    public void setAction(Action action) { this.action = action; }
    public Outcome getOutcome() { return outcome; }
    public void setOutcome(Outcome outcome) { this.outcome = outcome; }
    public String getInventoryId() { return inventoryId; }
    public void setInventoryId(String inventoryId) { this.inventoryId = inventoryId; }
    /** Name the record is created under (differs from the mapped name for a clone). */
    public String getTargetName() { return targetName; }
    public void setTargetName(String targetName) { this.targetName = targetName; }
    /** What the history says of the record (a skipped duplicate's reason, an adoption). */
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    /** Contact persons written inline with a new customer (accounts and their contacts). */
    public List<PullItem> getPersons() { return persons; }
    public void setPersons(List<PullItem> persons) { this.persons = persons; }
    /** The binding the record was resolved against (null when unbound): read once, used by each step. */
    public Binding getBinding() { return binding; }
    public void setBinding(Binding binding) { this.binding = binding; }

    /**
     * The CRM-side fingerprint the binding keeps: the fingerprint of the record as read, unless a
     * conflict was settled by writing some Inventory values back to CRM (then that of the merged record).
     */
    public String getBoundFingerprint() { return boundFingerprint != null ? boundFingerprint : fingerprint; }
    public void setBoundFingerprint(String boundFingerprint) { this.boundFingerprint = boundFingerprint; }
    /** The Inventory-side fingerprint of what Inventory answered to our write; null when nothing was written. */
    public String getInventoryFingerprint() { return inventoryFingerprint; }
    public void setInventoryFingerprint(String inventoryFingerprint) { this.inventoryFingerprint = inventoryFingerprint; }
    /** The new base of the three-way merge: what Inventory answered to our write, in CRM terms (JSON). */
    public String getBase() { return base; }
    /** Created again because its bound Inventory record was gone (delete policy RECREATE). */
    public boolean isRecreated() { return recreated; }
    /** A person of an adopted customer: the customer's existing persons it may be one of (see PersonEntry). */
    public List<Map<String, Object>> getCandidates() { return candidates; }
    public void setCandidates(List<Map<String, Object>> candidates) { this.candidates = candidates; }
    public void setRecreated(boolean recreated) { this.recreated = recreated; }
    public void setBase(String base) { this.base = base; }
    public Instant getInventoryModifiedTime() { return inventoryModifiedTime; }
    public void setInventoryModifiedTime(Instant inventoryModifiedTime) { this.inventoryModifiedTime = inventoryModifiedTime; }

    @Override
    public String toString() {
        return type.module() + " " + type.mappingName() + " " + crmId;
    }
}
