package io.crminventorysync.sync.record;

import java.util.Map;

/** What a mapping record is in Inventory ({@code inventory="..."} in the mapping file), and its id field. */
public enum InventoryEntity {
    CONTACT("contact", "contact_id"),
    CONTACT_PERSON("contact_person", "contact_person_id"),
    ITEM("item", "item_id");

    private final String mappingName;
    private final String idField;

    InventoryEntity(String mappingName, String idField) {
        this.mappingName = mappingName;
        this.idField = idField;
    }

    /** The entity a mapping file names: contact, contact_person or item. */
    public static InventoryEntity of(String mappingName) {
        for (InventoryEntity e : values()) {
            if (e.mappingName.equals(mappingName)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no Inventory entity '" + mappingName + "'");
    }

    /** The id of an Inventory record of this entity, as Inventory answers it. */
    public String idOf(Map<String, Object> record) {
        Object id = record.get(idField);
        if (id == null) {
            throw new IllegalStateException("Inventory answered a " + mappingName + " without its id");
        }
        return id.toString();
    }

    @Override
    public String toString() {
        return mappingName;
    }
}
