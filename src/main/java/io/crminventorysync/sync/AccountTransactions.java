package io.crminventorysync.sync;

import io.crminventorysync.inventory.InventoryClient;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The product description's "sales orders and invoices of an account": what Inventory holds for the
 * customer a CRM account is bound to.
 */
@Component
public class AccountTransactions {

    private final BindingStore bindings;
    private final InventoryClient inventory;

    public AccountTransactions(BindingStore bindings, InventoryClient inventory) {
        this.bindings = bindings;
        this.inventory = inventory;
    }

    /** The Inventory customer of a CRM account; {@link AccountNotBoundException} when the account is not bound. */
    public String customerOf(String crmAccountId) {
        return bindings.byCrmId(SyncModule.ACCOUNTS, BindingKind.RECORD, crmAccountId)
                .map(Binding::inventoryId)
                .orElseThrow(() -> new AccountNotBoundException(crmAccountId));
    }

    public List<Map<String, Object>> salesOrders(String customerId) {
        return inventory.salesOrdersOfCustomer(customerId);
    }

    public List<Map<String, Object>> invoices(String customerId) {
        return inventory.invoicesOfCustomer(customerId);
    }

    /** A CRM account that is not bound to an Inventory customer (HTTP: 404 naming crmAccountId). */
    public static class AccountNotBoundException extends RuntimeException {
        public AccountNotBoundException(String crmAccountId) {
            super("CRM account " + crmAccountId + " is not bound to an Inventory customer");
        }
    }
}
