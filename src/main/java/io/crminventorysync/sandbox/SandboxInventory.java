package io.crminventorysync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The simulated Zoho Inventory v1 API: contacts (customers and vendors) with contact persons,
 * items, and read-only sales orders and invoices (reference/zoho-api.md section 2). One lock guards
 * it all: Inventory allows 100 calls a minute, so contention is no concern, and a contact and its
 * persons always change together. The lock is held only while the data changes: a call's latency
 * is spent outside it, so slow calls overlap as they do on Zoho.
 *
 * <p>Every change of a contact (its persons included) or an item made through the API or the
 * admin bean is reported to {@link SandboxInventoryWebhook}; the bulk loads (demo data,
 * generate) are not, as an import would not run workflow rules.
 */
@Component
@SandboxEnabled
public class SandboxInventory {

    /** The two record kinds, as custom fields and the webhook name them. */
    static final String CONTACTS = "contacts";
    static final String ITEMS = "items";
    static final int MAX_PER_PAGE = 200;
    static final int MAX_CONTACT_NAME = 200;
    /** First id handed to records created through the API or the admin bean; demo records sit below it. */
    static final long FIRST_ID = 460000001000001L;

    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");
    private static final Set<String> CONTACT_ATTRIBUTES = Set.of("company_name", "website", "notes", "payment_terms",
            "payment_terms_label", "currency_id", "currency_code", "language_code", "billing_address",
            "shipping_address", "facebook", "twitter");
    private static final Set<String> PERSON_ATTRIBUTES = Set.of("salutation", "first_name", "last_name", "email",
            "phone", "mobile", "designation", "department", "skype", "enable_portal", "communication_preference");
    private static final Set<String> ITEM_ATTRIBUTES = Set.of("unit", "description", "purchase_description", "upc",
            "ean", "isbn", "part_number", "tax_id", "is_taxable", "track_inventory");
    /** Inventory custom field types (as Zoho Finance names them) the sandbox can hold. */
    static final List<String> CUSTOM_FIELD_TYPES = List.of("string", "email", "url", "phone", "number", "decimal",
            "amount", "percent", "date", "check_box");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final List<String> CONTACT_SORTS = List.of("contact_name", "first_name", "last_name", "email",
            "outstanding_receivable_amount", "created_time", "last_modified_time");
    private static final List<String> ITEM_SORTS = List.of("name", "sku", "rate", "purchase_rate", "created_time",
            "last_modified_time", "reorder_level", "stock_on_hand");

    static final class Person {
        final long id;
        final Map<String, Object> attrs = new LinkedHashMap<>();

        Person(long id) {
            this.id = id;
        }

        Object get(String key) {
            return attrs.get(key);
        }
    }

    static final class Contact {
        final long id;
        String name;
        String type = "customer";
        String subType = "business";
        String status = "active";
        boolean linkedWithCrm;
        final Map<String, Object> attrs = new LinkedHashMap<>();
        final LinkedHashMap<Long, Person> persons = new LinkedHashMap<>();
        Long primaryId;
        long created;
        long modified;

        Contact(long id) {
            this.id = id;
        }

        Person primary() {
            return primaryId == null ? null : persons.get(primaryId);
        }
    }

    static final class Item {
        final long id;
        String name;
        String sku;
        String status = "active";
        String itemType = "inventory";
        String productType = "goods";
        Number rate = 0;
        Number purchaseRate = 0;
        Number reorderLevel;
        /** Null for services and items that do not track inventory. */
        Number stockOnHand;
        Number initialStock;
        Number initialStockRate;
        Long vendorId;
        boolean linkedWithCrm;
        String zcrmProductId;
        final Map<String, Object> attrs = new LinkedHashMap<>();
        long created;
        long modified;

        Item(long id) {
            this.id = id;
        }

        /** Goods of item type "inventory" track stock; services and sales/purchase-only items do not. */
        boolean tracked() {
            return "goods".equals(productType) && "inventory".equals(itemType);
        }
    }

    /** A custom field declared for contacts or items, as the organization's settings hold it. */
    record CustomField(long id, String apiName, String label, String dataType, int index) {
    }

    /** A sales order or invoice; read-only in the sandbox, created by the admin bean. */
    record Transaction(long id, long customerId, Map<String, Object> fields, long created) {
    }

    private final SandboxClock clock;
    private final ObjectMapper json;
    private final SandboxInventoryWebhook webhook;
    private final Object lock = new Object();
    /** "contacts" and "items" to their custom fields by api_name, in creation order. */
    private final Map<String, LinkedHashMap<String, CustomField>> customFields = Map.of(
            CONTACTS, new LinkedHashMap<>(), ITEMS, new LinkedHashMap<>());
    private final TreeMap<Long, Contact> contacts = new TreeMap<>();
    private final Map<String, Long> contactByName = new HashMap<>();
    private final Map<Long, Long> contactByPerson = new HashMap<>();
    private final TreeMap<Long, Item> items = new TreeMap<>();
    private final Map<String, Long> itemBySku = new HashMap<>();
    private final TreeMap<Long, Transaction> salesOrders = new TreeMap<>();
    private final TreeMap<Long, Transaction> invoices = new TreeMap<>();
    private final AtomicLong nextId = new AtomicLong(FIRST_ID);

    public SandboxInventory(SandboxClock clock, ObjectMapper json, SandboxInventoryWebhook webhook) {
        this.clock = clock;
        this.json = json;
        this.webhook = webhook;
    }

    void clear() {
        synchronized (lock) {
            contacts.clear();
            contactByName.clear();
            contactByPerson.clear();
            items.clear();
            itemBySku.clear();
            salesOrders.clear();
            invoices.clear();
            customFields.values().forEach(Map::clear);
        }
    }

    long newId() {
        return nextId.getAndIncrement();
    }

    // ------------------------------------------------------------------ body parsing

    /** The JSON of a write: the raw body or, as Zoho's form posts carry it, the JSONString parameter. */
    Map<String, Object> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InventoryError(400, 1038, "JSON is not well formed");
        }
        try {
            Object parsed = json.readValue(text, Object.class);
            if (parsed instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) parsed;
                return map;
            }
        } catch (java.io.IOException e) {
            // reported below in Zoho's words
        }
        throw new InventoryError(400, 1038, "JSON is not well formed");
    }

    // ------------------------------------------------------------------ contacts

    ResponseEntity<Object> createContact(Map<String, Object> body) {
        synchronized (lock) {
            Contact c = addContact(body);
            return ok(201, "The contact has been added.", "contact", renderContact(c, true));
        }
    }

    /** Creates a contact as the API or a user would (the webhook hears of it); caller holds {@link #lock()}. */
    Contact addContact(Map<String, Object> body) {
        Contact c = newContact(body, null);
        webhook.changed(CONTACTS, c.id, SandboxInventoryWebhook.CREATE);
        return c;
    }

    /** Creates a contact from an API body; {@code fixedId} lets the demo seed use stable ids. */
    Contact newContact(Map<String, Object> body, Long fixedId) {
        String name = contactName(body.get("contact_name"));
        String type = oneOf(body, "contact_type", "customer", "customer", "vendor");
        String subType = oneOf(body, "customer_sub_type", "business", "business", "individual");
        ensureUniqueName(name, type, null);
        List<Map<String, Object>> persons = personsOf(body.get("contact_persons"));
        Map<String, Object> custom = customFieldChanges(CONTACTS, body);
        Contact c = new Contact(fixedId != null ? fixedId : newId());
        c.name = name;
        c.type = type;
        c.subType = subType;
        c.status = oneOf(body, "status", "active", "active", "inactive");
        copyAttributes(body, c.attrs, CONTACT_ATTRIBUTES);
        applyCustomFields(c.attrs, custom);
        c.created = clock.millis();
        c.modified = c.created;
        replacePersons(c, persons);
        contacts.put(c.id, c);
        contactByName.put(key(name), c.id);
        return c;
    }

    ResponseEntity<Object> updateContact(String id, Map<String, Object> body) {
        synchronized (lock) {
            Contact c = contact(id);
            applyContactChanges(c, body);
            webhook.changed(CONTACTS, c.id, SandboxInventoryWebhook.UPDATE);
            return ok(200, "Contact information has been saved.", "contact", renderContact(c, true));
        }
    }

    /** POST /contacts/{id}/active or /inactive: only the status changes (and last_modified_time). */
    ResponseEntity<Object> markContact(String id, boolean active) {
        synchronized (lock) {
            Contact c = contact(id);
            c.status = active ? "active" : "inactive";
            touch(c);
            webhook.changed(CONTACTS, c.id, SandboxInventoryWebhook.UPDATE);
            return ok(200, active ? "The contact has been marked as active." : "The contact has been marked as inactive.",
                    null, null);
        }
    }

    void applyContactChanges(Contact c, Map<String, Object> body) {
        String name = body.containsKey("contact_name") ? contactName(body.get("contact_name")) : c.name;
        String type = body.containsKey("contact_type") ? oneOf(body, "contact_type", c.type, "customer", "vendor") : c.type;
        String subType = body.containsKey("customer_sub_type")
                ? oneOf(body, "customer_sub_type", c.subType, "business", "individual") : c.subType;
        String status = body.containsKey("status") ? oneOf(body, "status", c.status, "active", "inactive") : c.status;
        ensureUniqueName(name, type, c.id);
        List<Map<String, Object>> persons = body.containsKey("contact_persons") ? personsOf(body.get("contact_persons")) : null;
        if (persons != null) {
            for (Map<String, Object> p : persons) {
                Long pid = personId(p.get("contact_person_id"));
                if (pid != null && !c.persons.containsKey(pid)) {
                    throw new InventoryError(400, 1002, "Contact person does not exist.");
                }
            }
        }
        Map<String, Object> custom = customFieldChanges(CONTACTS, body);
        contactByName.remove(key(c.name));
        c.name = name;
        contactByName.put(key(name), c.id);
        c.type = type;
        c.subType = subType;
        c.status = status;
        copyAttributes(body, c.attrs, CONTACT_ATTRIBUTES);
        applyCustomFields(c.attrs, custom);
        if (persons != null) {
            replacePersons(c, persons);
        }
        touch(c);
    }

    ResponseEntity<Object> deleteContact(String id) {
        synchronized (lock) {
            Contact c = contact(id);
            removeContact(c);
            webhook.changed(CONTACTS, c.id, SandboxInventoryWebhook.DELETE);
            return ok(200, "The contact has been deleted.", null, null);
        }
    }

    private void removeContact(Contact c) {
        contacts.remove(c.id);
        contactByName.remove(key(c.name));
        c.persons.keySet().forEach(contactByPerson::remove);
    }

    ResponseEntity<Object> getContact(String id) {
        synchronized (lock) {
            return ok(200, "success", "contact", renderContact(contact(id), true));
        }
    }

    ResponseEntity<Object> listContacts(Map<String, String> params) {
        synchronized (lock) {
            String filterBy = params.getOrDefault("filter_by", "Status.All");
            Predicate<Contact> filter = switch (filterBy) {
                case "Status.All" -> c -> true;
                case "Status.Active" -> c -> "active".equals(c.status);
                case "Status.Inactive" -> c -> "inactive".equals(c.status);
                case "Status.Crm" -> c -> c.linkedWithCrm;
                case "Status.Duplicate" -> c -> false;
                default -> throw new InventoryError(400, 2, "Invalid value passed for filter_by");
            };
            List<Map<String, Object>> criteria = new ArrayList<>();
            filter = filter.and(textFilters(params, "contact_name", c -> c.name, criteria));
            filter = filter.and(textFilters(params, "company_name", c -> (String) c.attrs.get("company_name"), criteria));
            filter = filter.and(textFilters(params, "first_name", c -> primaryValue(c, "first_name"), criteria));
            filter = filter.and(textFilters(params, "last_name", c -> primaryValue(c, "last_name"), criteria));
            filter = filter.and(textFilters(params, "phone", c -> primaryValue(c, "phone"), criteria));
            if (params.containsKey("email")) {
                String email = params.get("email").trim().toLowerCase(Locale.ROOT);
                criteria.add(criterion("email", email, "equal"));
                filter = filter.and(c -> c.persons.values().stream()
                        .anyMatch(p -> p.get("email") != null && p.get("email").toString().equalsIgnoreCase(email)));
            }
            if (params.containsKey("search_text")) {
                String text = params.get("search_text").trim().toLowerCase(Locale.ROOT);
                criteria.add(criterion("search_text", text, "contains"));
                filter = filter.and(c -> contains(c.name, text) || contains(c.attrs.get("company_name"), text)
                        || c.persons.values().stream().anyMatch(p -> contains(p.get("first_name"), text)
                        || contains(p.get("last_name"), text) || contains(p.get("email"), text)));
            }
            String sortColumn = params.getOrDefault("sort_column", "contact_name");
            if (!CONTACT_SORTS.contains(sortColumn)) {
                throw new InventoryError(400, 2, "Invalid value passed for sort_column");
            }
            Comparator<Contact> order = switch (sortColumn) {
                case "created_time" -> Comparator.comparingLong(c -> c.created);
                case "last_modified_time" -> Comparator.comparingLong(c -> c.modified);
                case "outstanding_receivable_amount" -> Comparator.comparingLong(c -> 0L);
                case "contact_name" -> Comparator.comparing(c -> key(c.name));
                default -> Comparator.comparing(c -> key(primaryValue(c, sortColumn)));
            };
            order = order.thenComparingLong(c -> c.id);
            List<Contact> matching = contacts.values().stream().filter(filter).sorted(sortOrder(params, order)).toList();
            return page(params, matching, c -> renderContact(c, false), "contacts", "Contacts", filterBy, sortColumn,
                    criteria);
        }
    }

    private Predicate<Contact> textFilters(Map<String, String> params, String field, Function<Contact, String> value,
                                           List<Map<String, Object>> criteria) {
        Predicate<Contact> p = c -> true;
        if (params.containsKey(field)) {
            String v = params.get(field).trim().toLowerCase(Locale.ROOT);
            criteria.add(criterion(field, v, "equal"));
            p = p.and(c -> value.apply(c) != null && value.apply(c).toLowerCase(Locale.ROOT).equals(v));
        }
        if (params.containsKey(field + "_startswith")) {
            String v = params.get(field + "_startswith").trim().toLowerCase(Locale.ROOT);
            criteria.add(criterion(field, v, "starts_with"));
            p = p.and(c -> value.apply(c) != null && value.apply(c).toLowerCase(Locale.ROOT).startsWith(v));
        }
        if (params.containsKey(field + "_contains")) {
            String v = params.get(field + "_contains").trim().toLowerCase(Locale.ROOT);
            criteria.add(criterion(field, v, "contains"));
            p = p.and(c -> contains(value.apply(c), v));
        }
        return p;
    }

    private static Map<String, Object> criterion(String column, String text, String comparator) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column_name", column);
        m.put("search_text", text);
        m.put("comparator", comparator);
        return m;
    }

    private static boolean contains(Object value, String lowerText) {
        return value != null && value.toString().toLowerCase(Locale.ROOT).contains(lowerText);
    }

    private static String primaryValue(Contact c, String field) {
        Person p = c.primary();
        Object v = p == null ? null : p.get(field);
        return v == null ? null : v.toString();
    }

    Map<String, Object> renderContact(Contact c, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contact_id", String.valueOf(c.id));
        m.put("contact_name", c.name);
        m.put("customer_name", c.name);
        m.put("vendor_name", "vendor".equals(c.type) ? c.name : "");
        m.put("company_name", c.attrs.getOrDefault("company_name", ""));
        m.put("contact_type", c.type);
        m.put("customer_sub_type", c.subType);
        m.put("status", c.status);
        m.put("is_linked_with_zohocrm", c.linkedWithCrm);
        m.put("payment_terms", c.attrs.getOrDefault("payment_terms", 0));
        m.put("payment_terms_label", c.attrs.getOrDefault("payment_terms_label", "Due on Receipt"));
        m.put("currency_id", c.attrs.getOrDefault("currency_id", "460000000000097"));
        m.put("currency_code", c.attrs.getOrDefault("currency_code", "INR"));
        m.put("outstanding_receivable_amount", 0.0);
        m.put("unused_credits_receivable_amount", 0.0);
        Person p = c.primary();
        for (String f : List.of("first_name", "last_name", "email", "phone", "mobile")) {
            Object v = p == null ? null : p.get(f);
            m.put(f, v == null ? "" : v);
        }
        m.put("created_time", SandboxClock.inventoryTime(c.created));
        m.put("last_modified_time", SandboxClock.inventoryTime(c.modified));
        if (full) {
            m.put("has_transaction", hasTransactions(c.id));
            m.put("primary_contact_id", c.primaryId == null ? "" : String.valueOf(c.primaryId));
            m.put("website", c.attrs.getOrDefault("website", ""));
            m.put("notes", c.attrs.getOrDefault("notes", ""));
            m.put("billing_address", c.attrs.getOrDefault("billing_address", emptyAddress()));
            m.put("shipping_address", c.attrs.getOrDefault("shipping_address", emptyAddress()));
            m.put("custom_fields", renderCustomFields(CONTACTS, c.attrs));
            List<Map<String, Object>> persons = new ArrayList<>();
            for (Person person : c.persons.values()) {
                persons.add(renderPerson(c, person));
            }
            m.put("contact_persons", persons);
        }
        return m;
    }

    private static Map<String, Object> emptyAddress() {
        Map<String, Object> a = new LinkedHashMap<>();
        for (String f : List.of("attention", "address", "street2", "city", "state", "zip", "country", "fax", "phone")) {
            a.put(f, "");
        }
        return a;
    }

    private boolean hasTransactions(long contactId) {
        return salesOrders.values().stream().anyMatch(t -> t.customerId() == contactId)
                || invoices.values().stream().anyMatch(t -> t.customerId() == contactId);
    }

    private static Map<String, Object> renderPerson(Contact c, Person p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contact_person_id", String.valueOf(p.id));
        m.put("contact_id", String.valueOf(c.id));
        for (String f : List.of("salutation", "first_name", "last_name", "email", "phone", "mobile", "designation",
                "department", "skype")) {
            Object v = p.get(f);
            m.put(f, v == null ? "" : v);
        }
        m.put("is_primary_contact", c.primaryId != null && c.primaryId == p.id);
        m.put("enable_portal", Boolean.TRUE.equals(p.get("enable_portal")));
        return m;
    }

    // ------------------------------------------------------------------ contact persons

    ResponseEntity<Object> createPerson(Map<String, Object> body) {
        synchronized (lock) {
            Object contactId = body.get("contact_id");
            if (contactId == null || contactId.toString().isBlank()) {
                throw InventoryError.invalidValue("contact_id");
            }
            Contact c = contact(contactId.toString());
            Map<String, Object> attrs = personAttributes(body);
            if (attrs.get("first_name") == null || attrs.get("first_name").toString().isBlank()) {
                throw new InventoryError(400, 4, "Invalid value passed for first_name");
            }
            Person p = new Person(newId());
            p.attrs.putAll(attrs);
            c.persons.put(p.id, p);
            contactByPerson.put(p.id, c.id);
            if (c.primaryId == null) {
                c.primaryId = p.id;
            }
            touch(c);
            webhook.changed(CONTACTS, c.id, SandboxInventoryWebhook.UPDATE);
            return ok(201, "The contactperson has been Created", "contact_person", renderPerson(c, p));
        }
    }

    ResponseEntity<Object> updatePerson(String personId, Map<String, Object> body) {
        synchronized (lock) {
            Contact c = contactOfPerson(personId);
            Person p = c.persons.get(Long.parseLong(personId.trim()));
            Map<String, Object> attrs = personAttributes(body);
            if (body.containsKey("first_name") && (attrs.get("first_name") == null
                    || attrs.get("first_name").toString().isBlank())) {
                throw new InventoryError(400, 4, "Invalid value passed for first_name");
            }
            p.attrs.putAll(attrs);
            touch(c);
            webhook.changed(CONTACTS, c.id, SandboxInventoryWebhook.UPDATE);
            return ok(200, "The contactperson details has been updated.", "contact_person", renderPerson(c, p));
        }
    }

    ResponseEntity<Object> deletePerson(String personId) {
        synchronized (lock) {
            Contact c = contactOfPerson(personId);
            long pid = Long.parseLong(personId.trim());
            c.persons.remove(pid);
            contactByPerson.remove(pid);
            if (c.primaryId != null && c.primaryId == pid) {
                c.primaryId = c.persons.isEmpty() ? null : c.persons.keySet().iterator().next();
            }
            touch(c);
            webhook.changed(CONTACTS, c.id, SandboxInventoryWebhook.UPDATE);
            return ok(200, "The contact person has been deleted.", null, null);
        }
    }

    ResponseEntity<Object> markPrimary(String personId) {
        synchronized (lock) {
            Contact c = contactOfPerson(personId);
            c.primaryId = Long.parseLong(personId.trim());
            touch(c);
            webhook.changed(CONTACTS, c.id, SandboxInventoryWebhook.UPDATE);
            return ok(200, "This contact person has been marked as your primary contact person.", null, null);
        }
    }

    ResponseEntity<Object> listPersons(String contactId, Map<String, String> params) {
        synchronized (lock) {
            Contact c = contact(contactId);
            return page(params, new ArrayList<>(c.persons.values()), p -> renderPerson(c, p), "contact_persons",
                    "Contact Persons", "Status.All", "first_name", List.of());
        }
    }

    ResponseEntity<Object> getPerson(String contactId, String personId) {
        synchronized (lock) {
            Contact c = contact(contactId);
            Person p = personId.trim().matches("\\d{1,18}") ? c.persons.get(Long.parseLong(personId.trim())) : null;
            if (p == null) {
                throw InventoryError.notFound("Contact person");
            }
            return ok(200, "success", "contact_person", renderPerson(c, p));
        }
    }

    private Contact contactOfPerson(String personId) {
        Long cid = personId != null && personId.trim().matches("\\d{1,18}")
                ? contactByPerson.get(Long.parseLong(personId.trim())) : null;
        if (cid == null) {
            throw InventoryError.notFound("Contact person");
        }
        return contacts.get(cid);
    }

    private List<Map<String, Object>> personsOf(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw InventoryError.invalidValue("contact_persons");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?>)) {
                throw InventoryError.invalidValue("contact_persons");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) o;
            personAttributes(p);
            out.add(p);
        }
        return out;
    }

    private static Map<String, Object> personAttributes(Map<String, Object> body) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        copyAttributes(body, attrs, PERSON_ATTRIBUTES);
        Object email = attrs.get("email");
        if (email != null && !email.toString().isEmpty()
                && !(email instanceof String s && EMAIL.matcher(s).matches() && s.length() <= 100)) {
            throw InventoryError.invalidValue("email");
        }
        for (String f : List.of("first_name", "last_name")) {
            if (attrs.get(f) instanceof String s && s.length() > 100) {
                throw new InventoryError(400, 15, "Please ensure that the " + f + " has less than 100 characters.");
            }
        }
        return attrs;
    }

    /**
     * Gives a contact exactly the persons listed: those with a known contact_person_id are updated,
     * the others created, the ones left out deleted. Exactly one is primary: the first marked one,
     * else the old primary if it stayed, else the first.
     */
    private void replacePersons(Contact c, List<Map<String, Object>> persons) {
        LinkedHashMap<Long, Person> next = new LinkedHashMap<>();
        Long marked = null;
        for (Map<String, Object> body : persons) {
            Long pid = personId(body.get("contact_person_id"));
            Person p = pid != null ? c.persons.get(pid) : null;
            if (p == null) {
                p = new Person(newId());
            }
            p.attrs.putAll(personAttributes(body));
            next.put(p.id, p);
            if (marked == null && Boolean.TRUE.equals(body.get("is_primary_contact"))) {
                marked = p.id;
            }
        }
        c.persons.keySet().forEach(contactByPerson::remove);
        c.persons.clear();
        c.persons.putAll(next);
        next.keySet().forEach(pid -> contactByPerson.put(pid, c.id));
        if (marked != null) {
            c.primaryId = marked;
        } else if (c.primaryId == null || !next.containsKey(c.primaryId)) {
            c.primaryId = next.isEmpty() ? null : next.keySet().iterator().next();
        }
    }

    private static Long personId(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (!value.toString().trim().matches("\\d{1,18}")) {
            throw InventoryError.invalidValue("contact_person_id");
        }
        return Long.parseLong(value.toString().trim());
    }

    private String contactName(Object value) {
        if (!(value instanceof String name) || name.isBlank()) {
            throw InventoryError.invalidValue("contact_name");
        }
        if (name.trim().length() > MAX_CONTACT_NAME) {
            throw new InventoryError(400, 15,
                    "Please ensure that the contact_name has less than " + MAX_CONTACT_NAME + " characters.");
        }
        return name.trim();
    }

    private void ensureUniqueName(String name, String type, Long self) {
        Long existing = contactByName.get(key(name));
        if (existing != null && !existing.equals(self)) {
            String word = "vendor".equals(type) ? "vendor" : "customer";
            throw new InventoryError(400, 3062,
                    "The " + word + " \"" + name + "\" already exists. Please specify a different name.");
        }
    }

    private Contact contact(String id) {
        Contact c = id != null && id.trim().matches("\\d{1,18}") ? contacts.get(Long.parseLong(id.trim())) : null;
        if (c == null) {
            throw InventoryError.notFound("Contact");
        }
        return c;
    }

    private void touch(Contact c) {
        c.modified = Math.max(clock.millis(), c.modified);
    }

    // ------------------------------------------------------------------ items

    ResponseEntity<Object> createItem(Map<String, Object> body) {
        synchronized (lock) {
            Item item = addItem(body);
            return ok(201, "The item has been added.", "item", renderItem(item));
        }
    }

    /** Creates an item as the API or a user would (the webhook hears of it); caller holds {@link #lock()}. */
    Item addItem(Map<String, Object> body) {
        Item item = newItem(body, null);
        webhook.changed(ITEMS, item.id, SandboxInventoryWebhook.CREATE);
        return item;
    }

    Item newItem(Map<String, Object> body, Long fixedId) {
        Object name = body.get("name");
        if (!(name instanceof String n) || n.isBlank()) {
            throw InventoryError.invalidValue("name");
        }
        Item item = new Item(fixedId != null ? fixedId : newId());
        item.name = n.trim();
        applyItemFields(item, body, true);
        item.created = clock.millis();
        item.modified = item.created;
        items.put(item.id, item);
        if (item.sku != null) {
            itemBySku.put(key(item.sku), item.id);
        }
        return item;
    }

    ResponseEntity<Object> updateItem(String id, Map<String, Object> body) {
        synchronized (lock) {
            Item item = item(id);
            if (body.containsKey("name")) {
                Object name = body.get("name");
                if (!(name instanceof String n) || n.isBlank()) {
                    throw InventoryError.invalidValue("name");
                }
            }
            applyItemFields(item, body, false);
            if (body.get("name") instanceof String n) {
                item.name = n.trim();
            }
            item.modified = Math.max(clock.millis(), item.modified);
            webhook.changed(ITEMS, item.id, SandboxInventoryWebhook.UPDATE);
            return ok(200, "The item details have been saved.", "item", renderItem(item));
        }
    }

    /** POST /items/{id}/active or /inactive: only the status changes (and last_modified_time). */
    ResponseEntity<Object> markItem(String id, boolean active) {
        synchronized (lock) {
            Item item = item(id);
            item.status = active ? "active" : "inactive";
            item.modified = Math.max(clock.millis(), item.modified);
            webhook.changed(ITEMS, item.id, SandboxInventoryWebhook.UPDATE);
            return ok(200, active ? "The item has been marked as active." : "The item has been marked as inactive.",
                    null, null);
        }
    }

    /**
     * An inventory adjustment by quantity (as Inventory's "Adjust Stock" records one): stock on hand
     * and available stock move by {@code quantity}, and so does last_modified_time.
     */
    void adjustStock(String id, Number quantity) {
        synchronized (lock) {
            Item item = item(id);
            if (!item.tracked()) {
                throw new InventoryError(400, 4, "Stock cannot be adjusted for an item that does not track inventory.");
            }
            BigDecimal next = new BigDecimal(item.stockOnHand.toString()).add(new BigDecimal(quantity.toString()))
                    .stripTrailingZeros();
            item.stockOnHand = next.scale() <= 0 ? (Number) next.longValueExact() : (Number) next.doubleValue();
            item.modified = Math.max(clock.millis(), item.modified);
            webhook.changed(ITEMS, item.id, SandboxInventoryWebhook.UPDATE);
        }
    }

    /** Validates every field first, then applies them, so a refused update changes nothing. */
    private void applyItemFields(Item item, Map<String, Object> body, boolean create) {
        String sku = item.sku;
        if (body.containsKey("sku")) {
            Object v = body.get("sku");
            sku = v == null || v.toString().isBlank() ? null : v.toString().trim();
            if (sku != null) {
                Long other = itemBySku.get(key(sku));
                if (other != null && other != item.id) {
                    throw new InventoryError(400, 1001, "The SKU \"" + sku + "\" already exists.");
                }
            }
        }
        Number rate = number(body, "rate", item.rate);
        Number purchaseRate = number(body, "purchase_rate", item.purchaseRate);
        Number reorder = number(body, "reorder_level", item.reorderLevel);
        // Opening stock is given on create only (later changes are adjustments, not edits).
        Number initialStock = create ? number(body, "initial_stock", null) : item.initialStock;
        Number initialStockRate = create ? number(body, "initial_stock_rate", null) : item.initialStockRate;
        Number stock = create ? initialStock : item.stockOnHand;
        Map<String, Object> custom = customFieldChanges(ITEMS, body);
        String productType = body.containsKey("product_type")
                ? oneOf(body, "product_type", item.productType, "goods", "service") : item.productType;
        String itemType = body.containsKey("item_type")
                ? oneOf(body, "item_type", item.itemType, "inventory", "sales", "purchases", "sales_and_purchases")
                : create && "service".equals(productType) ? "sales" : item.itemType;
        String status = body.containsKey("status") ? oneOf(body, "status", item.status, "active", "inactive") : item.status;
        Long vendorId = item.vendorId;
        if (body.containsKey("vendor_id")) {
            Object v = body.get("vendor_id");
            if (v == null || v.toString().isBlank()) {
                vendorId = null;
            } else {
                Contact vendor = v.toString().trim().matches("\\d{1,18}") ? contacts.get(Long.parseLong(v.toString().trim())) : null;
                if (vendor == null || !"vendor".equals(vendor.type)) {
                    throw InventoryError.invalidValue("vendor_id");
                }
                vendorId = vendor.id;
            }
        }
        if (item.sku != null) {
            itemBySku.remove(key(item.sku));
        }
        item.sku = sku;
        if (sku != null) {
            itemBySku.put(key(sku), item.id);
        }
        item.rate = rate;
        item.purchaseRate = purchaseRate;
        item.reorderLevel = reorder;
        item.productType = productType;
        item.itemType = itemType;
        item.stockOnHand = !item.tracked() ? null : stock == null ? 0 : stock;
        item.initialStock = item.tracked() ? initialStock : null;
        item.initialStockRate = item.tracked() ? initialStockRate : null;
        applyCustomFields(item.attrs, custom);
        item.status = status;
        item.vendorId = vendorId;
        copyAttributes(body, item.attrs, ITEM_ATTRIBUTES);
    }

    ResponseEntity<Object> deleteItem(String id) {
        synchronized (lock) {
            Item item = item(id);
            items.remove(item.id);
            if (item.sku != null) {
                itemBySku.remove(key(item.sku));
            }
            webhook.changed(ITEMS, item.id, SandboxInventoryWebhook.DELETE);
            return ok(200, "The item has been deleted.", null, null);
        }
    }

    /** DELETE /items?item_ids=a,b: all or nothing, so an unknown id deletes none. */
    ResponseEntity<Object> deleteItems(String ids) {
        synchronized (lock) {
            if (ids == null || ids.isBlank()) {
                throw InventoryError.invalidValue("item_ids");
            }
            List<Item> found = new ArrayList<>();
            for (String id : ids.split(",")) {
                found.add(item(id));
            }
            for (Item item : found) {
                items.remove(item.id);
                if (item.sku != null) {
                    itemBySku.remove(key(item.sku));
                }
                webhook.changed(ITEMS, item.id, SandboxInventoryWebhook.DELETE);
            }
            return ok(200, "The items have been deleted.", null, null);
        }
    }

    ResponseEntity<Object> getItem(String id) {
        synchronized (lock) {
            return ok(200, "success", "item", renderItem(item(id)));
        }
    }

    ResponseEntity<Object> listItems(Map<String, String> params) {
        synchronized (lock) {
            String filterBy = params.getOrDefault("filter_by", "Status.All");
            Predicate<Item> filter;
            if (filterBy.startsWith("ItemType.")) {
                String type = filterBy.substring("ItemType.".length()).toLowerCase(Locale.ROOT);
                filter = i -> i.itemType.equalsIgnoreCase(type) || i.productType.equalsIgnoreCase(type);
            } else {
                filter = switch (filterBy) {
                    case "Status.All" -> i -> true;
                    case "Status.Active" -> i -> "active".equals(i.status);
                    case "Status.Inactive" -> i -> "inactive".equals(i.status);
                    case "Status.Lowstock" -> i -> i.stockOnHand != null && i.reorderLevel != null
                            && i.stockOnHand.doubleValue() <= i.reorderLevel.doubleValue();
                    default -> throw new InventoryError(400, 2, "Invalid value passed for filter_by");
                };
            }
            List<Map<String, Object>> criteria = new ArrayList<>();
            filter = filter.and(itemText(params, "name", i -> i.name, criteria));
            filter = filter.and(itemText(params, "sku", i -> i.sku, criteria));
            if (params.containsKey("status")) {
                String status = params.get("status");
                if (!status.equals("active") && !status.equals("inactive")) {
                    throw new InventoryError(400, 2, "Invalid value passed for status");
                }
                filter = filter.and(i -> i.status.equals(status));
            }
            if (params.containsKey("vendor_id")) {
                String v = params.get("vendor_id").trim();
                filter = filter.and(i -> i.vendorId != null && String.valueOf(i.vendorId).equals(v));
            }
            if (params.containsKey("zcrm_product_id")) {
                String v = params.get("zcrm_product_id").trim();
                filter = filter.and(i -> v.equals(i.zcrmProductId));
            }
            if (params.containsKey("last_modified_time")) {
                Long since = SandboxClock.parse(params.get("last_modified_time"));
                if (since == null) {
                    throw new InventoryError(400, 2, "Invalid value passed for last_modified_time");
                }
                long sinceSecond = Math.floorDiv(since, 1000);
                criteria.add(criterion("last_modified_time", params.get("last_modified_time"), "greater_than"));
                filter = filter.and(i -> Math.floorDiv(i.modified, 1000) > sinceSecond);
            }
            if (params.containsKey("search_text")) {
                String text = params.get("search_text").trim().toLowerCase(Locale.ROOT);
                filter = filter.and(i -> contains(i.name, text) || contains(i.sku, text)
                        || contains(i.attrs.get("description"), text));
            }
            String sortColumn = params.getOrDefault("sort_column", "name");
            if (!ITEM_SORTS.contains(sortColumn)) {
                throw new InventoryError(400, 2, "Invalid value passed for sort_column");
            }
            Comparator<Item> order = switch (sortColumn) {
                case "sku" -> Comparator.comparing(i -> key(i.sku));
                case "rate" -> Comparator.comparingDouble(i -> i.rate.doubleValue());
                case "purchase_rate" -> Comparator.comparingDouble(i -> i.purchaseRate.doubleValue());
                case "created_time" -> Comparator.comparingLong(i -> i.created);
                case "last_modified_time" -> Comparator.comparingLong(i -> i.modified);
                case "reorder_level" -> Comparator.comparingDouble(i -> i.reorderLevel == null ? 0 : i.reorderLevel.doubleValue());
                case "stock_on_hand" -> Comparator.comparingDouble(i -> i.stockOnHand == null ? 0 : i.stockOnHand.doubleValue());
                default -> Comparator.comparing(i -> key(i.name));
            };
            order = order.thenComparingLong(i -> i.id);
            List<Item> matching = items.values().stream().filter(filter).sorted(sortOrder(params, order)).toList();
            return page(params, matching, this::renderItem, "items", "Items", filterBy, sortColumn, criteria);
        }
    }

    private Predicate<Item> itemText(Map<String, String> params, String field, Function<Item, String> value,
                                     List<Map<String, Object>> criteria) {
        Predicate<Item> p = i -> true;
        if (params.containsKey(field)) {
            String v = params.get(field).trim().toLowerCase(Locale.ROOT);
            criteria.add(criterion(field, v, "equal"));
            p = p.and(i -> value.apply(i) != null && value.apply(i).toLowerCase(Locale.ROOT).equals(v));
        }
        if (params.containsKey(field + "_startswith")) {
            String v = params.get(field + "_startswith").trim().toLowerCase(Locale.ROOT);
            criteria.add(criterion(field, v, "starts_with"));
            p = p.and(i -> value.apply(i) != null && value.apply(i).toLowerCase(Locale.ROOT).startsWith(v));
        }
        if (params.containsKey(field + "_contains")) {
            String v = params.get(field + "_contains").trim().toLowerCase(Locale.ROOT);
            criteria.add(criterion(field, v, "contains"));
            p = p.and(i -> contains(value.apply(i), v));
        }
        return p;
    }

    Map<String, Object> renderItem(Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item_id", String.valueOf(i.id));
        m.put("name", i.name);
        m.put("item_name", i.name);
        m.put("status", i.status);
        m.put("source", "user");
        m.put("is_linked_with_zohocrm", i.linkedWithCrm);
        m.put("zcrm_product_id", i.zcrmProductId == null ? "" : i.zcrmProductId);
        m.put("rate", i.rate);
        m.put("purchase_rate", i.purchaseRate);
        m.put("sku", i.sku == null ? "" : i.sku);
        m.put("unit", i.attrs.getOrDefault("unit", ""));
        m.put("item_type", i.itemType);
        m.put("product_type", i.productType);
        m.put("description", i.attrs.getOrDefault("description", ""));
        m.put("purchase_description", i.attrs.getOrDefault("purchase_description", ""));
        Contact vendor = i.vendorId == null ? null : contacts.get(i.vendorId);
        m.put("vendor_id", vendor == null ? "" : String.valueOf(vendor.id));
        m.put("vendor_name", vendor == null ? "" : vendor.name);
        m.put("reorder_level", i.reorderLevel == null ? "" : i.reorderLevel);
        if (i.tracked()) {
            m.put("stock_on_hand", i.stockOnHand);
            m.put("available_stock", i.stockOnHand);
            m.put("actual_available_stock", i.stockOnHand);
            m.put("initial_stock", i.initialStock == null ? 0 : i.initialStock);
            m.put("initial_stock_rate", i.initialStockRate == null ? 0 : i.initialStockRate);
        }
        for (String f : List.of("upc", "ean", "isbn", "part_number")) {
            m.put(f, i.attrs.getOrDefault(f, ""));
        }
        m.put("custom_fields", renderCustomFields(ITEMS, i.attrs));
        m.put("created_time", SandboxClock.inventoryTime(i.created));
        m.put("last_modified_time", SandboxClock.inventoryTime(i.modified));
        return m;
    }

    private Item item(String id) {
        Item i = id != null && id.trim().matches("\\d{1,18}") ? items.get(Long.parseLong(id.trim())) : null;
        if (i == null) {
            throw InventoryError.notFound("Item");
        }
        return i;
    }

    // ------------------------------------------------------------------ custom fields

    /**
     * Declares a custom field for "contacts" or "items", as a user would in Inventory's settings.
     * Without {@code apiName} Zoho's naming is used: "cf_" and the label in lower case, with
     * underscores for anything that is not a letter or digit ("Preferred Carrier" is cf_preferred_carrier).
     */
    CustomField addCustomField(String module, String apiName, String label, String dataType) {
        synchronized (lock) {
            LinkedHashMap<String, CustomField> fields = customFields.get(module);
            if (fields == null) {
                throw new IllegalArgumentException("Inventory custom fields belong to 'contacts' or 'items', not '" + module + "'");
            }
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("a custom field needs a label");
            }
            if (!CUSTOM_FIELD_TYPES.contains(dataType)) {
                throw new IllegalArgumentException("data type '" + dataType + "' is not one of " + CUSTOM_FIELD_TYPES);
            }
            String name = apiName != null ? apiName
                    : "cf_" + label.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
            if (!name.matches("cf_[a-z0-9_]+")) {
                throw new IllegalArgumentException("an Inventory custom field's api_name is cf_ and lower-case letters,"
                        + " digits or underscores, not '" + name + "'");
            }
            if (fields.containsKey(name)) {
                throw new IllegalArgumentException(module + " already have the custom field " + name);
            }
            CustomField f = new CustomField(newId(), name, label.trim(), dataType, fields.size() + 1);
            fields.put(name, f);
            return f;
        }
    }

    /**
     * The custom field values a write body sets ({@code custom_fields: [{"api_name" or
     * "customfield_id", "value"}]}), checked against the declared fields and their types; an empty
     * or null value clears the field. Empty map when the body has none.
     */
    private Map<String, Object> customFieldChanges(String module, Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object given = body.get("custom_fields");
        if (given == null) {
            return out;
        }
        if (!(given instanceof List<?> list)) {
            throw InventoryError.invalidValue("custom_fields");
        }
        Map<String, CustomField> declared = customFields.get(module);
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> entry)) {
                throw InventoryError.invalidValue("custom_fields");
            }
            CustomField field = null;
            if (entry.get("api_name") != null) {
                field = declared.get(entry.get("api_name").toString());
            } else if (entry.get("customfield_id") != null) {
                String id = entry.get("customfield_id").toString();
                field = declared.values().stream().filter(f -> String.valueOf(f.id()).equals(id)).findFirst().orElse(null);
            }
            if (field == null) {
                throw InventoryError.invalidValue("custom_fields");
            }
            Object value = entry.get("value");
            out.put(field.apiName(), value == null || "".equals(value) ? null : customValue(field, value));
        }
        return out;
    }

    private static Object customValue(CustomField f, Object value) {
        boolean ok = switch (f.dataType()) {
            case "number" -> value instanceof Number n && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0;
            case "decimal", "amount", "percent" -> value instanceof Number;
            case "check_box" -> value instanceof Boolean;
            case "date" -> value instanceof String s && DATE.matcher(s).matches();
            case "email" -> value instanceof String s && EMAIL.matcher(s).matches() && s.length() <= 100;
            case "url" -> value instanceof String s && (s.startsWith("http://") || s.startsWith("https://"))
                    && s.length() <= 255;
            default -> value instanceof String s && s.length() <= 255;
        };
        if (!ok) {
            throw InventoryError.invalidValue(f.label());
        }
        return value;
    }

    private static void applyCustomFields(Map<String, Object> attrs, Map<String, Object> changes) {
        if (changes.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) attrs.computeIfAbsent("custom_fields", k -> new LinkedHashMap<>());
        changes.forEach((k, v) -> {
            if (v == null) {
                values.remove(k);
            } else {
                values.put(k, v);
            }
        });
    }

    /** The custom fields a record holds a value for, in the order they were declared. */
    private List<Map<String, Object>> renderCustomFields(String module, Map<String, Object> attrs) {
        Object held = attrs.get("custom_fields");
        if (!(held instanceof Map<?, ?> values) || values.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (CustomField f : customFields.get(module).values()) {
            Object v = values.get(f.apiName());
            if (v != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("customfield_id", String.valueOf(f.id()));
                m.put("api_name", f.apiName());
                m.put("label", f.label());
                m.put("data_type", f.dataType());
                m.put("index", f.index());
                m.put("value", v);
                out.add(m);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ sales orders and invoices

    ResponseEntity<Object> listTransactions(boolean salesOrders, Map<String, String> params) {
        synchronized (lock) {
            TreeMap<Long, Transaction> source = salesOrders ? this.salesOrders : invoices;
            Predicate<Transaction> filter = t -> true;
            if (params.containsKey("customer_id")) {
                String id = params.get("customer_id").trim();
                filter = filter.and(t -> String.valueOf(t.customerId()).equals(id));
            }
            if (params.containsKey("status")) {
                String status = params.get("status").trim();
                filter = filter.and(t -> status.equals(t.fields().get("status")));
            }
            List<Transaction> matching = source.descendingMap().values().stream().filter(filter).toList();
            return page(params, matching, this::renderTransaction, salesOrders ? "salesorders" : "invoices",
                    salesOrders ? "Sales Orders" : "Invoices", "Status.All", "created_time", List.of());
        }
    }

    ResponseEntity<Object> getTransaction(boolean salesOrders, String id) {
        synchronized (lock) {
            TreeMap<Long, Transaction> source = salesOrders ? this.salesOrders : invoices;
            Transaction t = id.trim().matches("\\d{1,18}") ? source.get(Long.parseLong(id.trim())) : null;
            if (t == null) {
                throw InventoryError.notFound(salesOrders ? "Sales order" : "Invoice");
            }
            return ok(200, "success", salesOrders ? "salesorder" : "invoice", renderTransaction(t));
        }
    }

    /** Adds a sales order or invoice for a customer (there is no create endpoint in the sandbox). */
    Transaction addTransaction(boolean salesOrder, long customerId, Map<String, Object> fields, Long fixedId) {
        synchronized (lock) {
            Contact c = contacts.get(customerId);
            if (c == null) {
                throw new IllegalArgumentException("no Inventory contact " + customerId);
            }
            Transaction t = new Transaction(fixedId != null ? fixedId : newId(), customerId,
                    new LinkedHashMap<>(fields), clock.millis());
            (salesOrder ? salesOrders : invoices).put(t.id(), t);
            return t;
        }
    }

    private Map<String, Object> renderTransaction(Transaction t) {
        boolean so = salesOrders.containsKey(t.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(so ? "salesorder_id" : "invoice_id", String.valueOf(t.id()));
        m.put("customer_id", String.valueOf(t.customerId()));
        Contact c = contacts.get(t.customerId());
        m.put("customer_name", c == null ? "" : c.name);
        m.putAll(t.fields());
        m.put("created_time", SandboxClock.inventoryTime(t.created()));
        m.put("last_modified_time", SandboxClock.inventoryTime(t.created()));
        return m;
    }

    // ------------------------------------------------------------------ admin access

    <T> T read(Function<SandboxInventory, T> reader) {
        synchronized (lock) {
            return reader.apply(this);
        }
    }

    Contact contactById(long id) {
        return contacts.get(id);
    }

    Contact contactByName(String name) {
        Long id = contactByName.get(key(name));
        return id == null ? null : contacts.get(id);
    }

    Item itemById(long id) {
        return items.get(id);
    }

    List<Contact> allContacts() {
        return new ArrayList<>(contacts.values());
    }

    List<Item> allItems() {
        return new ArrayList<>(items.values());
    }

    Object lock() {
        return lock;
    }

    /** Gives a contact person a chosen id (demo data names it); caller holds {@link #lock()}. */
    void renumberPerson(Contact c, long oldId, long newId) {
        Person old = c.persons.get(oldId);
        Person renumbered = new Person(newId);
        renumbered.attrs.putAll(old.attrs);
        LinkedHashMap<Long, Person> reordered = new LinkedHashMap<>();
        c.persons.forEach((id, p) -> reordered.put(id == oldId ? newId : id, id == oldId ? renumbered : p));
        c.persons.clear();
        c.persons.putAll(reordered);
        contactByPerson.remove(oldId);
        contactByPerson.put(newId, c.id);
        if (c.primaryId != null && c.primaryId == oldId) {
            c.primaryId = newId;
        }
    }

    // ------------------------------------------------------------------ helpers

    private <T> ResponseEntity<Object> page(Map<String, String> params, List<T> all, Function<T, Map<String, Object>> render,
                                            String key, String reportName, String appliedFilter, String sortColumn,
                                            List<Map<String, Object>> criteria) {
        int page = positive(params, "page", 1);
        int perPage = Math.min(positive(params, "per_page", MAX_PER_PAGE), MAX_PER_PAGE);
        int from = (int) Math.min((long) (page - 1) * perPage, all.size());
        int to = Math.min(all.size(), from + perPage);
        List<Map<String, Object>> rendered = new ArrayList<>(to - from);
        for (T t : all.subList(from, to)) {
            rendered.add(render.apply(t));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("page", page);
        context.put("per_page", perPage);
        context.put("has_more_page", to < all.size());
        context.put("report_name", reportName);
        context.put("applied_filter", appliedFilter);
        context.put("custom_fields", List.of());
        context.put("sort_column", sortColumn);
        context.put("sort_order", params.getOrDefault("sort_order", "A"));
        if (!criteria.isEmpty()) {
            context.put("search_criteria", criteria);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", 0);
        body.put("message", "success");
        body.put(key, rendered);
        body.put("page_context", context);
        return SandboxGate.json(200, body);
    }

    private static <T> Comparator<T> sortOrder(Map<String, String> params, Comparator<T> ascending) {
        String order = params.getOrDefault("sort_order", "A");
        return switch (order) {
            case "A" -> ascending;
            case "D" -> ascending.reversed();
            default -> throw new InventoryError(400, 2, "Invalid value passed for sort_order");
        };
    }

    private static int positive(Map<String, String> params, String name, int dflt) {
        String v = params.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new InventoryError(400, 2, "Invalid value passed for " + name);
    }

    private static ResponseEntity<Object> ok(int status, String message, String key, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", 0);
        body.put("message", message);
        if (key != null) {
            body.put(key, value);
        }
        return SandboxGate.json(status, body);
    }

    private static String oneOf(Map<String, Object> body, String field, String dflt, String... allowed) {
        Object v = body.get(field);
        if (v == null) {
            return dflt;
        }
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw InventoryError.invalidValue(field);
    }

    private static Number number(Map<String, Object> body, String field, Number dflt) {
        if (!body.containsKey(field)) {
            return dflt;
        }
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() < 0) {
            throw InventoryError.invalidValue(field);
        }
        return n;
    }

    private static void copyAttributes(Map<String, Object> from, Map<String, Object> to, Set<String> allowed) {
        for (var e : from.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                continue;
            }
            Object v = e.getValue();
            if (v instanceof String s && s.length() > 2000) {
                throw new InventoryError(400, 15, "Please ensure that the " + e.getKey() + " has less than 2000 characters.");
            }
            if (v == null) {
                to.remove(e.getKey());
            } else {
                to.put(e.getKey(), v);
            }
        }
    }

    static String key(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
