package io.crminventorysync.sync.push;

import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.inventory.InventoryPage;
import io.crminventorysync.sync.RecordType;
import io.crminventorysync.sync.Rereads;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.record.InventoryEntity;
import io.crminventorysync.sync.record.InventoryGateway;
import io.crminventorysync.sync.record.RecordMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
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
    private final InventoryGateway gateway;
    private final RecordMapper mapper;
    private final Rereads rereads;

    /** Records read by id go in pages of this many, as Inventory's lists do. */
    private static final int PAGE = 200;

    public InventoryPages(InventoryClient inventory, InventoryGateway gateway, RecordMapper mapper, Rereads rereads) {
        this.rereads = rereads;
        this.inventory = inventory;
        this.gateway = gateway;
        this.mapper = mapper;
    }

    /** Pages of the Inventory records of the record type the run pushes. */
    public Iterator<List<Map<String, Object>>> pages(@ExchangeProperty(SyncExchange.RUN) RunProgress run,
            @ExchangeProperty(SyncExchange.RECORD) RecordType type) {
        Instant since = run.pushSince();
        if (run.inventoryScope() != null) {
            // a retry: the named records only, read fresh
            Iterator<List<Map<String, Object>>> named = byIds(run.inventoryScope(), type);
            return guarded(run, type, named);
        }
        Iterator<InventoryPage> listed = switch (type) {
            case ACCOUNT, INDIVIDUAL -> inventory.contactPages("customer", since);
            case VENDOR -> inventory.contactPages("vendor", since);
            case PRODUCT -> inventory.itemPages(since, "last_modified_time", "D");
            case PERSON -> throw new IllegalArgumentException("contact persons are pushed with their customer");
        };
        Iterator<List<Map<String, Object>>> pages = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return listed.hasNext();
            }

            @Override
            public List<Map<String, Object>> next() {
                return listed.next().records();
            }
        };
        if (!run.full()) {
            // then the records of pairs an operator unlinked, changed or not
            Iterator<List<Map<String, Object>>> unlinked = byIds(rereads.take(run.runId(), run.module(), Flow.PUSH), type);
            Iterator<List<Map<String, Object>>> first = pages;
            pages = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return first.hasNext() || unlinked.hasNext();
                }

                @Override
                public List<Map<String, Object>> next() {
                    return first.hasNext() ? first.next() : unlinked.next();
                }
            };
        }
        return guarded(run, type, pages);
    }

    /** Named records read one by one, fresh, in pages of up to 200 (records gone from Inventory are left out). */
    private Iterator<List<Map<String, Object>>> byIds(Collection<String> ids, RecordType type) {
        InventoryEntity entity = mapper.entity(type);
        Iterator<String> next = List.copyOf(ids).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return next.hasNext();
            }

            @Override
            public List<Map<String, Object>> next() {
                List<Map<String, Object>> page = new ArrayList<>();
                while (next.hasNext() && page.size() < PAGE) {
                    gateway.current(entity, next.next(), null).ifPresent(page::add);
                }
                return page;
            }
        };
    }

    private static Iterator<List<Map<String, Object>>> guarded(RunProgress run, RecordType type,
            Iterator<List<Map<String, Object>>> pages) {
        // Business customers are CRM Accounts, individuals CRM Contacts (CONTACTS mode). Zoho's list
        // may not show the sub type; such records pass, and the planner checks the full record.
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                // an aborted run (credentials refused, ...) reads no further page
                return run.failure() == null && pages.hasNext();
            }

            @Override
            public List<Map<String, Object>> next() {
                return pages.next().stream().filter(r -> isOfType(type, r)).toList();
            }
        };
    }

    /**
     * Whether an Inventory record is of the record type: vendors are vendors, customers are customers;
     * business customers are accounts, individuals contacts.
     */
    static boolean isOfType(RecordType type, Map<String, Object> contact) {
        // a contact read by id (a retry, a notification of a new contact) may be of the other kind
        Object contactType = contact.get("contact_type");
        if (contactType != null && !"".equals(contactType)) {
            boolean vendor = "vendor".equals(contactType);
            if (type == RecordType.VENDOR ? !vendor : (type == RecordType.ACCOUNT || type == RecordType.INDIVIDUAL) && vendor) {
                return false;
            }
        }
        String subType = switch (type) {
            case ACCOUNT -> "business";
            case INDIVIDUAL -> "individual";
            default -> null;
        };
        if (subType == null) {
            return true;
        }
        Object actual = contact.get("customer_sub_type");
        return actual == null || "".equals(actual) || subType.equals(actual);
    }
}
