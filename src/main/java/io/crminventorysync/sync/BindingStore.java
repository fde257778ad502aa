package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.Flow;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bindings and the write-ahead journal of creates. A create is journalled before the API call and
 * the journal row is removed in the same transaction that stores the binding, so a crash between
 * the two leaves a journal row: the next run looks the record up by its key and adopts it instead
 * of creating it a second time.
 */
@Component
public class BindingStore {

    private static final RowMapper<Binding> ROW = (rs, i) -> new Binding(
            SyncModule.of(rs.getString("module")), BindingKind.ofColumn(rs.getString("kind")), rs.getString("crm_id"),
            rs.getString("inventory_id"), rs.getString("inventory_parent_id"), rs.getString("crm_fingerprint"),
            rs.getString("inventory_fingerprint"), Db.instant(rs, "crm_modified_time"),
            Db.instant(rs, "inventory_modified_time"), rs.getString("base"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public BindingStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public Optional<Binding> byCrmId(SyncModule module, BindingKind kind, String crmId) {
        return one(jdbc.query("SELECT * FROM sync_binding WHERE module = ? AND kind = ? AND crm_id = ?",
                ROW, module.id(), kind.column(), crmId));
    }

    public Optional<Binding> byInventoryId(SyncModule module, BindingKind kind, String inventoryId) {
        return one(jdbc.query("SELECT * FROM sync_binding WHERE module = ? AND kind = ? AND inventory_id = ?",
                ROW, module.id(), kind.column(), inventoryId));
    }

    /** Contact persons bound under one Inventory customer. */
    public List<Binding> personsOf(SyncModule module, String inventoryParentId) {
        return jdbc.query("SELECT * FROM sync_binding WHERE module = ? AND kind = ? AND inventory_parent_id = ?"
                + " ORDER BY crm_id", ROW, module.id(), BindingKind.PERSON.column(), inventoryParentId);
    }

    public int count(SyncModule module, BindingKind kind) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM sync_binding WHERE module = ? AND kind = ?",
                Integer.class, module.id(), kind.column());
        return n == null ? 0 : n;
    }

    /**
     * Stores (inserts or replaces) a binding and clears any journal row for the record it was
     * written from, in one transaction: the step that records success.
     */
    public void bind(Binding b, Flow flow, String sourceId) {
        tx.executeWithoutResult(status -> {
            // Rebinding to another Inventory record (a clone adopted, a person moved) replaces the row.
            // Two deletes, each on its own index: an OR of the two keys scans the whole table, which
            // made a first sync quadratic in the number of bindings.
            jdbc.update("DELETE FROM sync_binding WHERE module = ? AND kind = ? AND crm_id = ?",
                    b.module().id(), b.kind().column(), b.crmId());
            jdbc.update("DELETE FROM sync_binding WHERE module = ? AND kind = ? AND inventory_id = ?",
                    b.module().id(), b.kind().column(), b.inventoryId());
            jdbc.update("INSERT INTO sync_binding (module, kind, crm_id, inventory_id, inventory_parent_id,"
                            + " crm_fingerprint, inventory_fingerprint, crm_modified_time, inventory_modified_time,"
                            + " base, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    b.module().id(), b.kind().column(), b.crmId(), b.inventoryId(), b.inventoryParentId(),
                    b.crmFingerprint(), b.inventoryFingerprint(), Db.utc(b.crmModifiedTime()),
                    Db.utc(b.inventoryModifiedTime()), b.base(), Db.utc(Db.now()), Db.utc(Db.now()));
            clearPendingCreate(b.module(), b.kind(), flow, sourceId);
        });
    }

    /** Updates the fingerprints and modified times of an existing binding after an update. */
    public void touch(Binding b) {
        jdbc.update("UPDATE sync_binding SET crm_fingerprint = ?, inventory_fingerprint = ?, crm_modified_time = ?,"
                        + " inventory_modified_time = ?, inventory_parent_id = ?, base = ?, updated_at = ?"
                        + " WHERE module = ? AND kind = ? AND crm_id = ?",
                b.crmFingerprint(), b.inventoryFingerprint(), Db.utc(b.crmModifiedTime()),
                Db.utc(b.inventoryModifiedTime()), b.inventoryParentId(), b.base(), Db.utc(Db.now()),
                b.module().id(), b.kind().column(), b.crmId());
    }

    public void unbind(SyncModule module, BindingKind kind, String crmId) {
        jdbc.update("DELETE FROM sync_binding WHERE module = ? AND kind = ? AND crm_id = ?",
                module.id(), kind.column(), crmId);
    }

    /**
     * Forgets a pair whose record is gone on one side, with the contact persons bound under it (they
     * went with their customer), and its idempotent-repository entries, so that a record read again
     * is never skipped on the strength of the forgotten pair.
     */
    public void forget(Binding b) {
        tx.executeWithoutResult(status -> {
            unbind(b.module(), b.kind(), b.crmId());
            forgetProcessed(b.module(), b.crmId());
            if (b.kind() == BindingKind.RECORD) {
                for (Binding person : personsOf(b.module(), b.inventoryId())) {
                    unbind(person.module(), BindingKind.PERSON, person.crmId());
                    forgetProcessed(person.module(), person.crmId());
                }
            }
        });
    }

    /** Drops the idempotent repository's entries of one CRM record: its next read is handled in full. */
    public void forgetProcessed(SyncModule module, String crmId) {
        jdbc.update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId LIKE ?",
                CamelRepositories.PULL_PROCESSOR, module.id() + ":%:" + crmId + ":%");
    }

    /** Journals a create before it is sent: {@code targetKey} is what the record is findable by afterwards. */
    public void journalCreate(SyncModule module, BindingKind kind, Flow flow, String sourceId, String targetKey) {
        clearPendingCreate(module, kind, flow, sourceId);
        jdbc.update("INSERT INTO sync_pending_create (module, kind, flow, source_id, target_key, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                module.id(), kind.column(), flow.name(), sourceId, targetKey, Db.utc(Db.now()));
    }

    /** The key of a create that was sent but never bound (a crash or a failure in between), if any. */
    public Optional<String> pendingCreate(SyncModule module, BindingKind kind, Flow flow, String sourceId) {
        List<String> keys = jdbc.queryForList("SELECT target_key FROM sync_pending_create"
                        + " WHERE module = ? AND kind = ? AND flow = ? AND source_id = ?",
                String.class, module.id(), kind.column(), flow.name(), sourceId);
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
    }

    public void clearPendingCreate(SyncModule module, BindingKind kind, Flow flow, String sourceId) {
        jdbc.update("DELETE FROM sync_pending_create WHERE module = ? AND kind = ? AND flow = ? AND source_id = ?",
                module.id(), kind.column(), flow.name(), sourceId);
    }

    private static <T> Optional<T> one(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
