package io.crminventorysync.sync.pull;

import io.crminventorysync.inventory.InventoryClient;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Inventory calls of a pull, by the mapping's entity ({@code contact}, {@code contact_person},
 * {@code item}), so the steps read the same for customers, vendors and items.
 */
@Component
public class InventoryGateway {

    public static final String CONTACT = "contact";
    public static final String PERSON = "contact_person";
    public static final String ITEM = "item";

    private final InventoryClient inventory;

    public InventoryGateway(InventoryClient inventory) {
        this.inventory = inventory;
    }

    public Map<String, Object> create(String entity, Map<String, Object> payload) {
        return switch (entity) {
            case CONTACT -> inventory.createContact(payload);
            case ITEM -> inventory.createItem(payload);
            default -> throw new IllegalArgumentException("cannot create a " + entity + " on its own");
        };
    }

    public Map<String, Object> update(String entity, String id, Map<String, Object> payload) {
        return switch (entity) {
            case CONTACT -> inventory.updateContact(id, payload);
            case ITEM -> inventory.updateItem(id, payload);
            default -> throw new IllegalArgumentException("cannot update a " + entity + " on its own");
        };
    }

    /** The record as Inventory holds it now (contact persons included for a contact), or empty when gone. */
    public Optional<Map<String, Object>> get(String entity, String id) {
        return switch (entity) {
            case CONTACT -> inventory.getContact(id);
            case ITEM -> inventory.getItem(id);
            default -> throw new IllegalArgumentException("cannot read a " + entity + " on its own");
        };
    }

    /** The record holding {@code name} in its key field: contact_name for contacts, name for items. */
    public Optional<Map<String, Object>> findByKey(String entity, String name) {
        return switch (entity) {
            case CONTACT -> inventory.findContactByName(name);
            case ITEM -> inventory.findItemByName(name);
            default -> Optional.empty();
        };
    }

    public Optional<Map<String, Object>> findItemBySku(String sku) {
        return inventory.findItemBySku(sku);
    }

    public Map<String, Object> createPerson(String contactId, Map<String, Object> person) {
        return inventory.createContactPerson(contactId, person);
    }

    public Map<String, Object> updatePerson(String contactId, String personId, Map<String, Object> person) {
        return inventory.updateContactPerson(contactId, personId, person);
    }

    public void deletePerson(String personId) {
        inventory.deleteContactPerson(personId);
    }

    public java.util.List<Map<String, Object>> persons(String contactId) {
        return inventory.listContactPersons(contactId);
    }

    /** The id field of an Inventory record of the entity. */
    public static String idOf(String entity, Map<String, Object> record) {
        Object id = switch (entity) {
            case CONTACT -> record.get("contact_id");
            case PERSON -> record.get("contact_person_id");
            case ITEM -> record.get("item_id");
            default -> null;
        };
        if (id == null) {
            throw new IllegalStateException("Inventory answered a " + entity + " without its id");
        }
        return id.toString();
    }
}
