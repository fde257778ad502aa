package io.crminventorysync.inventory;

import java.util.List;
import java.util.Map;

/** One page of an Inventory list: records keyed by API field name, and page_context.has_more_page. */
public record InventoryPage(int page, List<Map<String, Object>> records, boolean hasMorePage) {
}
