package io.crminventorysync.sync.push;

import java.util.List;
import java.util.Map;

/**
 * One page of Inventory records planned for CRM: what to write, and (accounts with contacts) the
 * full customers read on the way, whose contact persons follow their account.
 */
public record PushPage(List<PushItem> items, List<Map<String, Object>> customers) {
}
