package io.crminventorysync.sync.push;

import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.inventory.InventoryPage;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.SyncRuns;
import io.crminventorysync.sync.pull.PullSteps;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The Inventory side of a push, page by page, newest change first: contacts sorted by
 * last_modified_time and read until the push cursor (Inventory has no modified-since filter for
 * contacts), items with the last_modified_time filter. A first run, or the first after a settings
 * change, reads everything; the bindings then make unchanged records cost nothing.
 */
@Component("inventoryPages")
public class InventoryPages {

    private final InventoryClient inventory;
    private final SyncRuns runs;

    public InventoryPages(InventoryClient inventory, SyncRuns runs) {
        this.inventory = inventory;
        this.runs = runs;
    }

    /** Pages of the records of the mapping record named by the exchange property syncRecord. */
    public Iterator<List<Map<String, Object>>> pages(Exchange exchange) {
        RunProgress run = runs.progress(exchange);
        String record = exchange.getProperty(PullSteps.RECORD, String.class);
        Instant since = run.pushSince();
        Iterator<InventoryPage> pages = switch (record) {
            case "account", "individual" -> inventory.contactPages("customer", since);
            case "vendor" -> inventory.contactPages("vendor", since);
            case "product" -> inventory.itemPages(since, "last_modified_time", "D");
            default -> throw new IllegalArgumentException("no Inventory records to push for mapping record " + record);
        };
        // Business customers are CRM Accounts, individuals CRM Contacts (CONTACTS mode). Zoho's list
        // may not show the sub type; such records pass, and the planner checks the full record.
        String subType = switch (record) {
            case "account" -> "business";
            case "individual" -> "individual";
            default -> null;
        };
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pages.hasNext();
            }

            @Override
            public List<Map<String, Object>> next() {
                List<Map<String, Object>> records = pages.next().records();
                return subType == null ? records
                        : records.stream().filter(r -> isA(subType, r)).toList();
            }
        };
    }

    static boolean isA(String subType, Map<String, Object> contact) {
        Object actual = contact.get("customer_sub_type");
        return actual == null || "".equals(actual) || subType.equals(actual);
    }
}
