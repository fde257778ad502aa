package io.crminventorysync.sandbox;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CRM record, immutable: a write stores a new instance, so a reader never sees half an update.
 * Field values sit in one flat key/value array (about a fifth of a HashMap's footprint), which is
 * what lets 100,000 accounts with three contacts each fit comfortably. A lookup is stored as the
 * target's id (a Long) and resolved to {"name","id"} when read, so a renamed account shows its new
 * name on its contacts as in Zoho.
 */
final class CrmRecord {

    final long id;
    final long createdAt;
    final long modifiedAt;
    final SandboxUser createdBy;
    final SandboxUser modifiedBy;
    private final Object[] kv;

    CrmRecord(long id, long createdAt, long modifiedAt, SandboxUser createdBy, SandboxUser modifiedBy, Object[] kv) {
        this.id = id;
        this.createdAt = createdAt;
        this.modifiedAt = modifiedAt;
        this.createdBy = createdBy;
        this.modifiedBy = modifiedBy;
        this.kv = kv;
    }

    static Object[] pack(Map<String, Object> fields) {
        Object[] kv = new Object[fields.size() * 2];
        int i = 0;
        for (var e : fields.entrySet()) {
            kv[i++] = e.getKey().intern();
            kv[i++] = e.getValue();
        }
        return kv;
    }

    Object get(String field) {
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i].equals(field)) {
                return kv[i + 1];
            }
        }
        return null;
    }

    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A copy with {@code changes} applied; a null value removes the field. */
    CrmRecord with(Map<String, Object> changes, long modifiedAt, SandboxUser by) {
        Map<String, Object> m = fields();
        for (var e : changes.entrySet()) {
            if (e.getValue() == null) {
                m.remove(e.getKey());
            } else {
                m.put(e.getKey(), e.getValue());
            }
        }
        return new CrmRecord(id, createdAt, modifiedAt, createdBy, by, pack(m));
    }

    CrmRecord withTimes(long created, long modified) {
        return new CrmRecord(id, created, modified, createdBy, modifiedBy, Arrays.copyOf(kv, kv.length));
    }
}
