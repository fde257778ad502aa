package io.crminventorysync.sync.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.mapping.MappingContext;
import io.crminventorysync.mapping.MappingRegistry;
import io.crminventorysync.mapping.RecordMapping;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.SyncModule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Mapping one record through {@code mappings/<module>.xml}, either way, and its fingerprints. What
 * both flows share: the pull maps CRM records to Inventory, the push Inventory records to CRM, and
 * each compares fingerprints to tell a change from our own write coming back.
 *
 * <p>A contact person's fingerprints also cover the customer it belongs to, so that a contact
 * moved to another account counts as changed.
 */
@Component
public class RecordMapper {

    /** The fingerprint's entry for a person's customer; a name no mapped field can have. */
    private static final String PARENT = "$parent";

    private final MappingRegistry mappings;
    private final MappingContext lookups;
    private final ObjectMapper json;

    public RecordMapper(MappingRegistry mappings, BindingStore bindings, ObjectMapper json) {
        this.mappings = mappings;
        this.json = json;
        this.lookups = new MappingContext() {
            @Override
            public Optional<String> inventoryIdFor(String module, String crmId) {
                return bindings.byCrmId(SyncModule.of(module), BindingKind.RECORD, crmId).map(Binding::inventoryId);
            }

            @Override
            public Optional<String> crmIdFor(String module, String inventoryId) {
                return bindings.byInventoryId(SyncModule.of(module), BindingKind.RECORD, inventoryId).map(Binding::crmId);
            }
        };
    }

    public RecordMapping mapping(RecordType type) {
        return mappings.module(type.module().id()).record(type.mappingName());
    }

    public InventoryEntity entity(RecordType type) {
        return InventoryEntity.of(mapping(type).inventoryEntity());
    }

    /** Lookups through the bindings of other modules (a product's vendor). */
    public MappingContext lookups() {
        return lookups;
    }

    /** The Inventory fields for a CRM record; with {@code creating}, only-on-create fields too. */
    public Map<String, Object> toInventory(RecordType type, Map<String, Object> crmRecord, boolean creating) {
        return mapping(type).toInventory(crmRecord, lookups, creating);
    }

    /**
     * As {@link #toInventory(RecordType, Map, boolean)} for a preview: a lookup of a record the preview
     * would create first (a product's vendor) maps to a placeholder instead of failing.
     */
    public Map<String, Object> toInventory(RecordType type, Map<String, Object> crmRecord, boolean creating,
            Map<String, String> planned) {
        MappingContext withPlanned = new MappingContext() {
            @Override
            public Optional<String> inventoryIdFor(String module, String crmId) {
                return lookups.inventoryIdFor(module, crmId).or(() -> Optional.ofNullable(planned.get(module + ":" + crmId)));
            }

            @Override
            public Optional<String> crmIdFor(String module, String inventoryId) {
                return lookups.crmIdFor(module, inventoryId);
            }
        };
        return mapping(type).toInventory(crmRecord, withPlanned, creating);
    }

    /** The CRM fields for an Inventory record; with {@code creating}, only-on-create fields too. */
    public Map<String, Object> toCrm(RecordType type, Map<String, Object> inventoryRecord, boolean creating) {
        return mapping(type).toCrm(inventoryRecord, lookups, creating);
    }

    /** The CRM-side fingerprint: of the mapped values as for a create (what a pull would write). */
    public String crmFingerprint(RecordType type, Map<String, Object> mappedForInventory, String parentId) {
        return fingerprint(mappedForInventory, parentId);
    }

    /**
     * The Inventory-side fingerprint: the Inventory record mapped to CRM (push and both fields). The
     * push compares it with the binding's to tell an Inventory change from our own write coming back.
     */
    public String inventoryFingerprint(RecordType type, Map<String, Object> inventoryRecord, String parentId) {
        return fingerprint(toCrm(type, inventoryRecord, false), parentId);
    }

    /** The fingerprint of Inventory values already mapped to CRM terms ({@link #toCrm}). */
    public String inventoryFingerprintOfValues(Map<String, Object> crmTermsValues, String parentId) {
        return fingerprint(crmTermsValues, parentId);
    }

    /**
     * The base a binding keeps for the three-way merge: the Inventory record's values in CRM terms
     * (what both sides hold right after a sync), as compact JSON.
     */
    public String base(Map<String, Object> crmTermsValues) {
        try {
            return json.writeValueAsString(crmTermsValues);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mapped values are always JSON", e);
        }
    }

    /** A binding's base read back; null when the binding has none (stored before bases existed). */
    public Map<String, Object> base(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        try {
            return json.readValue(stored, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** True when two values of one field mean the same (the fingerprint's rules: null, "" and absent alike; numbers by value). */
    public static boolean same(String field, Object a, Object b) {
        Map<String, Object> x = new java.util.HashMap<>();
        x.put(field, a);
        Map<String, Object> y = new java.util.HashMap<>();
        y.put(field, b);
        return RecordMapping.fingerprint(x).equals(RecordMapping.fingerprint(y));
    }

    /** The value of the record's key field in mapped Inventory values (contact_name, item name, a person's email). */
    public String inventoryKey(RecordType type, Map<String, Object> inventoryValues) {
        Object v = inventoryValues.get(mapping(type).inventoryKeyField());
        return v == null ? null : v.toString();
    }

    /** The value of the record's key field in mapped CRM values (Account_Name, Vendor_Name, Product_Name, Email). */
    public String crmKey(RecordType type, Map<String, Object> crmValues) {
        Object v = crmValues.get(mapping(type).crmKeyField());
        return v == null ? null : v.toString();
    }

    /**
     * The name people know a CRM record by: a contact's first and last name, anything else its key
     * field (Account_Name, Vendor_Name, Product_Name). Null for no record.
     */
    public String nameOf(RecordType type, Map<String, Object> crmRecord) {
        if (crmRecord == null) {
            return null;
        }
        if (type == RecordType.PERSON || type == RecordType.INDIVIDUAL) {
            String name = (text(crmRecord.get("First_Name")) + " " + text(crmRecord.get("Last_Name"))).trim();
            if (!name.isEmpty()) {
                return name;
            }
        }
        Object key = crmRecord.get(mapping(type).crmKeyField());
        return key == null ? null : key.toString();
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString().strip();
    }

    private static String fingerprint(Map<String, Object> values, String parentId) {
        if (parentId == null) {
            return RecordMapping.fingerprint(values);
        }
        Map<String, Object> withParent = new LinkedHashMap<>(values);
        withParent.put(PARENT, parentId);
        return RecordMapping.fingerprint(withParent);
    }
}
