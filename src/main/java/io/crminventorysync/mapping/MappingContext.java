package io.crminventorysync.mapping;

import java.util.Optional;

/**
 * What a lookup transform needs from the bindings: the record bound to an id on the other side,
 * within one module ("accounts", "vendors", "products").
 */
public interface MappingContext {

    /** The Inventory id bound to this CRM id in the module, if any. */
    Optional<String> inventoryIdFor(String module, String crmId);

    /** The CRM id bound to this Inventory id in the module, if any. */
    Optional<String> crmIdFor(String module, String inventoryId);
}
