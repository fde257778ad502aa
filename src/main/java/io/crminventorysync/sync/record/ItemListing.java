package io.crminventorysync.sync.record;

import io.crminventorysync.inventory.InventoryPage;
import io.crminventorysync.sync.RunProgress;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The key checks of new products (is there an Inventory item of this name, or of this SKU?) answered
 * from one paged listing of Inventory's items, taken once per run and only by a run that has a new
 * product: 1,000 new products cost the listing's pages (200 items each) instead of 2,000 reads. The
 * items the run creates join the listing; an item someone else creates while the run goes on is not in
 * it (its SKU, unique in Inventory, still refuses a second one).
 */
@Component
public class ItemListing {

    private static final String KEY = ItemListing.class.getName();

    private final InventoryGateway inventory;

    public ItemListing(InventoryGateway inventory) {
        this.inventory = inventory;
    }

    /** The item of this name, as the listing shows it (id, name, SKU). */
    public Optional<Map<String, Object>> byName(RunProgress run, String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(index(run).byName.get(name));
    }

    /** The item of this SKU, as the listing shows it. */
    public Optional<Map<String, Object>> bySku(RunProgress run, String sku) {
        return sku == null || sku.isBlank() ? Optional.empty() : Optional.ofNullable(index(run).bySku.get(sku));
    }

    /** An item the run created: later key checks of the run find it. */
    public void add(RunProgress run, Map<String, Object> item) {
        index(run).add(item);
    }

    private Index index(RunProgress run) {
        return run.scoped(KEY, () -> {
            Index index = new Index();
            Iterator<InventoryPage> pages = inventory.allPages(InventoryEntity.ITEM, null);
            while (pages.hasNext()) {
                pages.next().records().forEach(index::add);
            }
            return index;
        });
    }

    /** Name and SKU to a small copy of the item (what a duplicate check needs), not the whole record. */
    private static final class Index {
        private final Map<String, Map<String, Object>> byName = new ConcurrentHashMap<>();
        private final Map<String, Map<String, Object>> bySku = new ConcurrentHashMap<>();

        void add(Map<String, Object> item) {
            Object id = item.get("item_id");
            if (id == null) {
                return;
            }
            Object name = item.get("name") != null ? item.get("name") : item.get("item_name");
            Object sku = item.get("sku");
            Map<String, Object> summary = new java.util.LinkedHashMap<>();
            summary.put("item_id", id.toString());
            summary.put("name", name == null ? null : name.toString());
            summary.put("sku", sku == null ? null : sku.toString());
            if (name != null) {
                byName.putIfAbsent(name.toString(), summary);
            }
            if (sku != null && !sku.toString().isBlank()) {
                bySku.putIfAbsent(sku.toString(), summary);
            }
        }
    }
}
