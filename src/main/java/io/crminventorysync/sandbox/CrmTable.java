package io.crminventorysync.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The records of one CRM module with the indexes the API needs: by id (default order), by
 * Modified_Time (If-Modified-Since and sort_by=Modified_Time without scanning), by duplicate key
 * (upsert, unique check) and by lookup target (related lists, cascades). Readers need no lock;
 * writers take {@link #lock} so the indexes move together. A write never holds two modules' locks,
 * so writes across modules cannot deadlock.
 */
final class CrmTable {

    /** Position of a record in Modified_Time order; the id breaks ties so the order is total. */
    record TimeKey(long time, long id) implements Comparable<TimeKey> {
        @Override
        public int compareTo(TimeKey o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    /**
     * A deleted record as GET /{module}/deleted shows it: in the recycle bin, or (purged, or 60 days
     * after it was deleted) permanently deleted, when Zoho no longer tells who deleted it.
     */
    record Deleted(long id, String displayName, long deletedAt, SandboxUser deletedBy, SandboxUser createdBy,
                   boolean permanent) {
    }

    /** A custom field added to the module (field_label, data_type), which records can then hold. */
    record CustomField(CrmModule.Field field, String label, long id) {
    }

    final CrmModule module;
    final ReentrantLock lock = new ReentrantLock();
    final ConcurrentSkipListMap<Long, CrmRecord> byId = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListSet<TimeKey> byModified = new ConcurrentSkipListSet<>();
    final KeyIndex byDuplicateKey = new KeyIndex();
    /** Lookup field name to (target id to ids of records pointing at it). */
    final Map<String, KeyIndex> byLookup = new ConcurrentHashMap<>();
    final ConcurrentSkipListMap<Long, Deleted> deleted = new ConcurrentSkipListMap<>();
    /** Custom fields by id, so they list in the order they were added. */
    final ConcurrentSkipListMap<Long, CustomField> customFields = new ConcurrentSkipListMap<>();

    CrmTable(CrmModule module) {
        this.module = module;
        for (CrmModule.Field f : module.lookups()) {
            byLookup.put(f.name(), new KeyIndex());
        }
    }

    /** A standard or custom field of this module, or null. */
    CrmModule.Field field(String apiName) {
        CrmModule.Field f = module.field(apiName);
        if (f != null) {
            return f;
        }
        for (CustomField c : customFields.values()) {
            if (c.field().name().equals(apiName)) {
                return c.field();
            }
        }
        return null;
    }

    static String duplicateKey(Object value) {
        return value == null ? null : value.toString().trim().toLowerCase(Locale.ROOT);
    }

    /** Stores a new or changed record and moves it in every index. Caller holds {@link #lock}. */
    void put(CrmRecord r) {
        CrmRecord old = byId.put(r.id, r);
        if (old != null) {
            unindex(old);
        }
        byModified.add(new TimeKey(r.modifiedAt, r.id));
        byDuplicateKey.add(duplicateKey(r.get(module.duplicateKey)), r.id);
        byLookup.forEach((field, index) -> {
            Object target = r.get(field);
            if (target != null) {
                index.add(target.toString(), r.id);
            }
        });
    }

    /** Removes a record from the table and its indexes. Caller holds {@link #lock}. */
    CrmRecord remove(long id) {
        CrmRecord old = byId.remove(id);
        if (old != null) {
            unindex(old);
        }
        return old;
    }

    private void unindex(CrmRecord old) {
        byModified.remove(new TimeKey(old.modifiedAt, old.id));
        byDuplicateKey.remove(duplicateKey(old.get(module.duplicateKey)), old.id);
        byLookup.forEach((field, index) -> {
            Object target = old.get(field);
            if (target != null) {
                index.remove(target.toString(), old.id);
            }
        });
    }

    void clear() {
        lock.lock();
        try {
            byId.clear();
            byModified.clear();
            byDuplicateKey.clear();
            byLookup.values().forEach(KeyIndex::clear);
            deleted.clear();
            customFields.clear();
        } finally {
            lock.unlock();
        }
    }
}
