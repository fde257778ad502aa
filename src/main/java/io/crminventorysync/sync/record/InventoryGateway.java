package io.crminventorysync.sync.record;

import io.crminventorysync.inventory.InventoryClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Inventory calls of both flows, by the mapping's entity (customers and vendors are contacts,
 * products are items), so the steps read the same whatever the module.
 */
@Component
public class InventoryGateway {

    private final InventoryClient inventory;

    public InventoryGateway(InventoryClient inventory) {
        this.inventory = inventory;
    }

    public Map<String, Object> create(InventoryEntity entity, Map<String, Object> payload) {
        return switch (entity) {
            case CONTACT -> inventory.createContact(payload);
            case ITEM -> inventory.createItem(payload);
            case CONTACT_PERSON -> throw new IllegalArgumentException("a contact person is created under its customer");
        };
    }

    public Map<String, Object> update(InventoryEntity entity, String id, Map<String, Object> payload) {
        return switch (entity) {
            case CONTACT -> inventory.updateContact(id, payload);
            case ITEM -> inventory.updateItem(id, payload);
            case CONTACT_PERSON -> throw new IllegalArgumentException("a contact person is updated under its customer");
        };
    }

    /**
     * The record as Inventory holds it now (a contact with its persons; a contact person as its
     * customer lists it, {@code parentId} being that customer), or empty when it is gone.
     */
    public Optional<Map<String, Object>> current(InventoryEntity entity, String id, String parentId) {
        return switch (entity) {
            case CONTACT -> inventory.getContact(id);
            case ITEM -> inventory.getItem(id);
            case CONTACT_PERSON -> persons(parentId).stream()
                    .filter(p -> id.equals(InventoryEntity.CONTACT_PERSON.idOf(p))).findFirst();
        };
    }

    /** The record holding {@code key} in its key field: contact_name for contacts, name for items. */
    public Optional<Map<String, Object>> findByKey(InventoryEntity entity, String key) {
        return switch (entity) {
            case CONTACT -> inventory.findContactByName(key);
            case ITEM -> inventory.findItemByName(key);
            case CONTACT_PERSON -> Optional.empty();
        };
    }

    /** The item holding {@code key} in its secondary key field (SKU). */
    public Optional<Map<String, Object>> findBySecondaryKey(InventoryEntity entity, String key) {
        return entity == InventoryEntity.ITEM ? inventory.findItemBySku(key) : Optional.empty();
    }

    /** Marks a contact or item inactive or active again; a contact person has no such state (deleted instead). */
    public void setActive(InventoryEntity entity, String id, boolean active) {
        switch (entity) {
            case CONTACT -> inventory.setContactActive(id, active);
            case ITEM -> inventory.setItemActive(id, active);
            case CONTACT_PERSON -> {
                if (!active) {
                    inventory.deleteContactPerson(id);
                }
            }
        }
    }

    /**
     * Every record of the record type's kind in Inventory, active or not, page by page: customers,
     * vendors or items (a full pass compares them with the bindings).
     */
    public java.util.Iterator<io.crminventorysync.inventory.InventoryPage> allPages(InventoryEntity entity, String contactType) {
        return entity == InventoryEntity.ITEM ? inventory.allItemPages()
                : inventory.contactPages(contactType, null, "Status.All");
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

    public List<Map<String, Object>> persons(String contactId) {
        return inventory.listContactPersons(contactId);
    }
}
