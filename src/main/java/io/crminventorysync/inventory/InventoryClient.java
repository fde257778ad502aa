package io.crminventorysync.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.http.PageLookahead;
import io.crminventorysync.http.ZohoApi;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.crminventorysync.http.ZohoErrors;
import io.crminventorysync.http.ZohoHttp;
import io.crminventorysync.http.ZohoRequest;
import io.crminventorysync.http.ZohoResponse;
import io.crminventorysync.http.ZohoTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Zoho Inventory v1: contacts (customers and vendors) with their contact persons, items, and a
 * customer's sales orders and invoices.
 *
 * <p>Every call carries {@code organization_id} and is paced to the organization's budget by
 * {@link io.crminventorysync.http.ZohoHttp}. Answers use the envelope {@code {"code":0,"message":..,
 * "<resource>":..}}; a non-zero code becomes a typed {@link ZohoApiException} (3062 DUPLICATE,
 * 1002 NOT_FOUND, ...). Records are maps keyed by API field name.
 */
@Component("inventoryClient")
public class InventoryClient {

    public static final int PAGE_SIZE = 200;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ZohoHttp http;
    private final SyncProperties properties;
    private final Environment environment;
    private final ObjectMapper mapper;

    public InventoryClient(ZohoHttp http, SyncProperties properties, Environment environment, ObjectMapper mapper) {
        this.http = http;
        this.properties = properties;
        this.environment = environment;
        this.mapper = mapper;
    }

    // ---------------------------------------------------------------- contacts

    /** Creates a contact (contact_persons may be given inline); DUPLICATE when contact_name is taken. */
    public Map<String, Object> createContact(Map<String, Object> contact) {
        return single(send(request("write", "POST", "/contacts").json(json(contact)).build()), "contact");
    }

    public Optional<Map<String, Object>> getContact(String contactId) {
        return optional(request("read", "GET", "/contacts/" + contactId).build(), "contact");
    }

    public Map<String, Object> updateContact(String contactId, Map<String, Object> contact) {
        return single(send(request("write", "PUT", "/contacts/" + contactId).json(json(contact)).build()), "contact");
    }

    /**
     * The contact whose display name (contact_name) is {@code name}, ignoring case: Inventory refuses a
     * second contact whose name differs only in case (3062), so that is the one a create collides with.
     */
    public Optional<Map<String, Object>> findContactByName(String name) {
        ZohoRequest.Builder b = request("search", "GET", "/contacts").param("contact_name", name);
        return first(b, "contacts", r -> r.get("contact_name") instanceof String n && n.equalsIgnoreCase(name));
    }

    /**
     * Contacts newest change first (sort_column=last_modified_time, sort_order=D), one page per call of
     * {@code next()}. Inventory has no documented contact_type or last-modified filter for contacts, so
     * both are applied here: only {@code contactType} (customer or vendor; null for both), and paging stops
     * at the first contact last modified before {@code modifiedSince} (null: all).
     */
    public Iterator<InventoryPage> contactPages(String contactType, Instant modifiedSince) {
        return contactPages(contactType, modifiedSince, null);
    }

    /** As {@link #contactPages(String, Instant)}, with a status filter ({@code Status.All} lists inactive contacts too). */
    public Iterator<InventoryPage> contactPages(String contactType, Instant modifiedSince, String filterBy) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("filter_by", filterBy);
        params.put("sort_column", "last_modified_time");
        params.put("sort_order", "D");
        Predicate<Map<String, Object>> type = contactType == null ? r -> true
                : r -> contactType.equals(r.get("contact_type"));
        return new PageIterator("/contacts", "contacts", params, type, modifiedSince);
    }

    /** Marks a contact active or inactive (POST /contacts/{id}/active|inactive). */
    public void setContactActive(String contactId, boolean active) {
        send(request("write", "POST", "/contacts/" + contactId + (active ? "/active" : "/inactive")).idempotent(true).build());
    }

    /** Deletes a contact; one already gone counts as deleted. */
    public void deleteContact(String contactId) {
        gone(request("write", "DELETE", "/contacts/" + contactId).build());
    }

    private void gone(ZohoRequest delete) {
        try {
            send(delete);
        } catch (ZohoApiException e) {
            if (e.kind() != Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------- contact persons

    /** Adds a person (first_name required) to a contact. */
    public Map<String, Object> createContactPerson(String contactId, Map<String, Object> person) {
        Map<String, Object> body = new LinkedHashMap<>(person);
        body.put("contact_id", contactId);
        return single(send(request("write", "POST", "/contacts/contactpersons").json(json(body)).build()),
                "contact_person");
    }

    public Map<String, Object> updateContactPerson(String contactId, String contactPersonId,
                                                   Map<String, Object> person) {
        Map<String, Object> body = new LinkedHashMap<>(person);
        body.put("contact_id", contactId);
        return single(send(request("write", "PUT", "/contacts/contactpersons/" + contactPersonId)
                .json(json(body)).build()), "contact_person");
    }

    /** Deletes a contact person; one already gone counts as deleted (a retried delete whose first try took effect). */
    public void deleteContactPerson(String contactPersonId) {
        gone(request("delete", "DELETE", "/contacts/contactpersons/" + contactPersonId).build());
    }

    public List<Map<String, Object>> listContactPersons(String contactId) {
        List<Map<String, Object>> out = new ArrayList<>();
        new PageIterator("/contacts/" + contactId + "/contactpersons", "contact_persons", Map.of(), r -> true, null)
                .forEachRemaining(p -> out.addAll(p.records()));
        return out;
    }

    /** Makes the person the contact's primary contact person. */
    public void markPrimaryContactPerson(String contactPersonId) {
        send(request("write", "POST", "/contacts/contactpersons/" + contactPersonId + "/primary")
                .idempotent(true).build());
    }

    // ---------------------------------------------------------------- items

    public Map<String, Object> createItem(Map<String, Object> item) {
        return single(send(request("write", "POST", "/items").json(json(item)).build()), "item");
    }

    public Optional<Map<String, Object>> getItem(String itemId) {
        return optional(request("read", "GET", "/items/" + itemId).build(), "item");
    }

    public Map<String, Object> updateItem(String itemId, Map<String, Object> item) {
        return single(send(request("write", "PUT", "/items/" + itemId).json(json(item)).build()), "item");
    }

    /**
     * Items modified after {@code modifiedSince} (null: all), sorted by {@code sortColumn}
     * (e.g. last_modified_time, name) in {@code sortOrder} A or D; one page per call of {@code next()}.
     */
    public Iterator<InventoryPage> itemPages(Instant modifiedSince, String sortColumn, String sortOrder) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (modifiedSince != null) {
            params.put("last_modified_time", ZohoTime.formatInventory(modifiedSince, ZoneOffset.UTC));
        }
        params.put("sort_column", sortColumn);
        params.put("sort_order", sortOrder);
        return new PageIterator("/items", "items", params, r -> true, null);
    }

    /** Marks an item active or inactive (POST /items/{id}/active|inactive). */
    public void setItemActive(String itemId, boolean active) {
        send(request("write", "POST", "/items/" + itemId + (active ? "/active" : "/inactive")).idempotent(true).build());
    }

    /** Items of every status (filter_by=Status.All), by name; for a full pass. */
    public Iterator<InventoryPage> allItemPages() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("filter_by", "Status.All");
        params.put("sort_column", "name");
        params.put("sort_order", "A");
        return new PageIterator("/items", "items", params, r -> true, null);
    }

    /** The item named exactly {@code name} (the first when Inventory holds clones). */
    public Optional<Map<String, Object>> findItemByName(String name) {
        return first(request("search", "GET", "/items").param("name", name), "items",
                r -> name.equals(r.get("name")) || name.equals(r.get("item_name")));
    }

    public Optional<Map<String, Object>> findItemBySku(String sku) {
        return first(request("search", "GET", "/items").param("sku", sku), "items", r -> sku.equals(r.get("sku")));
    }

    // ---------------------------------------------------------------- transactions

    /**
     * The sales orders of a customer. The customer_id filter is not in Inventory's OpenAPI, so the
     * answer is filtered here as well in case the server ignores it.
     */
    public List<Map<String, Object>> salesOrdersOfCustomer(String customerId) {
        return all("/salesorders", "salesorders", customerId);
    }

    public List<Map<String, Object>> invoicesOfCustomer(String customerId) {
        return all("/invoices", "invoices", customerId);
    }

    private List<Map<String, Object>> all(String path, String key, String customerId) {
        List<Map<String, Object>> out = new ArrayList<>();
        new PageIterator(path, key, Map.of("customer_id", customerId),
                r -> customerId.equals(String.valueOf(r.get("customer_id"))), null)
                .forEachRemaining(p -> out.addAll(p.records()));
        return out;
    }

    /** Reads an Inventory timestamp such as {@code 2013-08-05T12:06:10+0530}; null for null. */
    public static Instant parseTime(Object value) {
        return ZohoTime.parse(value);
    }

    // ---------------------------------------------------------------- plumbing

    private final class PageIterator extends PageLookahead<InventoryPage> {
        private final String path;
        private final String key;
        private final Map<String, Object> params;
        private final Predicate<Map<String, Object>> keep;
        private final Instant stopBefore;
        private int page = 1;

        PageIterator(String path, String key, Map<String, Object> params, Predicate<Map<String, Object>> keep,
                     Instant stopBefore) {
            this.path = path;
            this.key = key;
            this.params = params;
            this.keep = keep;
            this.stopBefore = stopBefore;
        }

        @Override
        protected InventoryPage fetch() {
            ZohoRequest.Builder b = request("read", "GET", path);
            params.forEach(b::param);
            b.param("page", page).param("per_page", PAGE_SIZE);
            JsonNode root = send(b.build());
            boolean more = root.path("page_context").path("has_more_page").asBoolean(false);
            List<Map<String, Object>> records = new ArrayList<>();
            for (JsonNode r : root.path(key)) {
                Map<String, Object> record = mapper.convertValue(r, MAP);
                if (stopBefore != null) {
                    Instant modified = ZohoTime.parse(record.get("last_modified_time"));
                    if (modified != null && modified.isBefore(stopBefore)) {
                        more = false;
                        break;
                    }
                }
                if (keep.test(record)) {
                    records.add(record);
                }
            }
            int number = page++;
            if (!more) {
                finish();
            }
            return new InventoryPage(number, records, more);
        }
    }

    private ZohoRequest.Builder request(String kind, String method, String path) {
        String base = environment.resolveRequiredPlaceholders(properties.getInventory().getApiUrl());
        String organizationId = properties.getInventory().getOrganizationId();
        if (organizationId == null || organizationId.isBlank()) {
            throw new ZohoApiException(Kind.CREDENTIALS, ZohoApi.INVENTORY, method + " " + path, 0, null,
                    "sync.inventory.organization-id is not set", null);
        }
        organizationId = environment.resolveRequiredPlaceholders(organizationId);
        return ZohoRequest.builder(ZohoApi.INVENTORY, kind, method, base, path)
                .param("organization_id", organizationId)
                .rateKey(organizationId);
    }

    /** Sends and returns the envelope when its code is 0; the typed error otherwise. */
    private JsonNode send(ZohoRequest request) {
        ZohoResponse response = http.execute(request);
        JsonNode root = null;
        if (response.hasBody()) {
            try {
                JsonNode n = mapper.readTree(response.body());
                root = n != null && n.isObject() ? n : null;
            } catch (JsonProcessingException notJson) {
                root = null;
            }
        }
        if (!response.isSuccess() || root == null || root.path("code").asInt(-1) != 0) {
            if (response.isSuccess() && root == null) {
                throw new ZohoApiException(Kind.TRANSPORT, ZohoApi.INVENTORY, request.context(), response.status(),
                        null, "the answer is not a JSON object", null);
            }
            throw ZohoErrors.decode(ZohoApi.INVENTORY, mapper, request.context(), response.status(), response.body());
        }
        return root;
    }

    private Optional<Map<String, Object>> optional(ZohoRequest request, String key) {
        try {
            JsonNode n = send(request).get(key);
            return n == null || n.isNull() ? Optional.empty() : Optional.of(mapper.convertValue(n, MAP));
        } catch (ZohoApiException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<Map<String, Object>> first(ZohoRequest.Builder b, String key, Predicate<Map<String, Object>> match) {
        JsonNode root = send(b.param("page", 1).param("per_page", PAGE_SIZE).build());
        for (JsonNode r : root.path(key)) {
            Map<String, Object> record = mapper.convertValue(r, MAP);
            if (match.test(record)) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    private Map<String, Object> single(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || !n.isObject()) {
            return Map.of();
        }
        return mapper.convertValue(n, MAP);
    }

    private String json(Object body) {
        Objects.requireNonNull(body, "body");
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Inventory record cannot be written as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }
}
