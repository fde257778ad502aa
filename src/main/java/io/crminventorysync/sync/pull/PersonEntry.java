package io.crminventorysync.sync.pull;

import java.util.List;
import java.util.Map;

/**
 * A CRM contact on its way to becoming a contact person of the customer {@code customerId}
 * (Inventory id). {@code candidates}, when not null, are the persons the customer already had when
 * it was adopted (taken over by OVERWRITE, or found after an interrupted create): a contact that is
 * one of them is matched to it, never added a second time. The list is shared by the customer's
 * entries; a matched person leaves it.
 */
public record PersonEntry(Map<String, Object> contact, String customerId, List<Map<String, Object>> candidates) {

    public PersonEntry(Map<String, Object> contact, String customerId) {
        this(contact, customerId, null);
    }
}
