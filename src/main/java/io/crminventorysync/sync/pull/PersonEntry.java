package io.crminventorysync.sync.pull;

import java.util.Map;

/** A CRM contact on its way to becoming a contact person of the customer {@code customerId} (Inventory id). */
public record PersonEntry(Map<String, Object> contact, String customerId) {
}
