package io.crminventorysync.sandbox;

import io.crminventorysync.config.SyncProperties;
import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The sandbox as a Java bean, for in-JVM tests and the admin HTTP endpoints: reset and seed it,
 * play a user editing a record in CRM or Inventory (which bumps the modified time as the web UI
 * would), read what the service wrote, turn the fault knobs and read the call counters.
 *
 * <p>Records are shown exactly as the APIs show them: CRM records as GET /{module}/{id} returns
 * them (ids as strings, lookups as {"name","id"}), Inventory contacts and items as their detail
 * GET returns them.
 */
@Component
@SandboxEnabled
public class SandboxAdmin {

    /** What one {@link #generate} call made, and how long it took. */
    public record Generated(int accounts, int contacts, int vendors, int products, int customers, int items,
                            long millis) {
    }

    private final SandboxCrm crm;
    private final SandboxInventory inventory;
    private final SandboxKnobs knobs;
    private final SandboxStats stats;
    private final SandboxAuth auth;
    private final SandboxGate gate;
    private final SandboxClock clock;
    private final SyncProperties properties;
    private final SandboxWatch watch;
    private final SandboxCallbacks callbacks;
    private final SandboxCrmFields crmFields;
    private final AtomicInteger generation = new AtomicInteger();

    public SandboxAdmin(SandboxCrm crm, SandboxInventory inventory, SandboxKnobs knobs, SandboxStats stats,
                        SandboxAuth auth, SandboxGate gate, SandboxClock clock, SyncProperties properties,
                        SandboxWatch watch, SandboxCallbacks callbacks, SandboxCrmFields crmFields) {
        this.crm = crm;
        this.inventory = inventory;
        this.knobs = knobs;
        this.stats = stats;
        this.auth = auth;
        this.gate = gate;
        this.clock = clock;
        this.properties = properties;
        this.watch = watch;
        this.callbacks = callbacks;
        this.crmFields = crmFields;
    }

    /** Seeds before the service's routes start, so a first sync already finds the demo records. */
    @PostConstruct
    void seedAtStartup() {
        if (properties.getSandbox().isSeedDemoData()) {
            seedDemo();
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Empties CRM and Inventory (custom fields included), ends every notification channel, forgets
     * callbacks not yet sent, frees writes held unanswered, and puts knobs, counters, rate windows,
     * daily caps and the clock back to their start. Issued access tokens stay valid, so a running
     * service is not forced to refresh.
     */
    public void reset() {
        crm.clear();
        inventory.clear();
        watch.clear();
        callbacks.reset();
        knobs.reset();
        stats.reset();
        auth.resetThrottle();
        gate.reset();
        clock.reset();
    }

    /** Empties CRM and Inventory and loads the demo data set ({@link SandboxDemoData}). */
    public void seedDemo() {
        crm.clear();
        inventory.clear();
        SandboxDemoData.load(crm, inventory, clock);
    }

    /** Ids and names of the demo records, for tests and the README. */
    public Map<String, String> demoIds() {
        return SandboxDemoData.ids();
    }

    /**
     * Bounds of one {@link #generate} call, so that a request cannot make the sandbox (and the demo
     * service it lives in) build an unbounded data set: enough for the 100,000-account benchmark.
     */
    public static final long MAX_GENERATED = 2_000_000;
    public static final int MAX_CONTACTS_PER_ACCOUNT = 100;

    /**
     * Adds generated records in bulk, without validation round trips: {@code accounts} accounts with
     * {@code contactsPerAccount} contacts each, vendors, products (each with a vendor when there are
     * any), and Inventory customers (one contact person each) and items. Names carry a run number, so
     * repeated calls never collide on unique fields.
     */
    public Generated generate(int accounts, int contactsPerAccount, int vendors, int products, int customers, int items) {
        if (accounts < 0 || contactsPerAccount < 0 || vendors < 0 || products < 0 || customers < 0 || items < 0) {
            throw new IllegalArgumentException("counts must be 0 or more");
        }
        if (contactsPerAccount > MAX_CONTACTS_PER_ACCOUNT) {
            throw new IllegalArgumentException("at most " + MAX_CONTACTS_PER_ACCOUNT + " contacts per account, asked for "
                    + contactsPerAccount);
        }
        long total = (long) accounts * (1 + contactsPerAccount) + vendors + products + customers + (long) items;
        if (total > MAX_GENERATED) {
            throw new IllegalArgumentException("at most " + MAX_GENERATED + " records in one call, asked for " + total);
        }
        long start = System.nanoTime();
        int run = generation.incrementAndGet();
        String prefix = "Gen" + run;
        // One record a second up to now, as if entered over the past days: CRM reads filter and sort
        // by Modified_Time, and real records do not all share one second.
        long now = clock.millis();
        long[] tick = {now - 1000L * ((long) accounts * (1 + contactsPerAccount) + vendors + products)};
        CrmTable accountTable = crm.table(CrmModule.ACCOUNTS);
        CrmTable contactTable = crm.table(CrmModule.CONTACTS);
        CrmTable vendorTable = crm.table(CrmModule.VENDORS);
        CrmTable productTable = crm.table(CrmModule.PRODUCTS);
        long[] accountIds = new long[accounts];
        accountTable.lock.lock();
        try {
            for (int a = 0; a < accounts; a++) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("Account_Name", prefix + " Account " + (a + 1));
                f.put("Phone", "+91 80 " + (4000_0000 + a));
                f.put("Billing_City", CITIES[a % CITIES.length]);
                f.put("Industry", INDUSTRIES[a % INDUSTRIES.length]);
                accountIds[a] = crm.newId();
                accountTable.put(new CrmRecord(accountIds[a], tick[0] += 1000, tick[0], SandboxUser.UI_USER, SandboxUser.UI_USER,
                        CrmRecord.pack(f)));
            }
        } finally {
            accountTable.lock.unlock();
        }
        contactTable.lock.lock();
        try {
            for (int a = 0; a < accounts; a++) {
                for (int c = 0; c < contactsPerAccount; c++) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("First_Name", FIRST_NAMES[(a + c) % FIRST_NAMES.length]);
                    f.put("Last_Name", prefix + "-" + (a + 1) + "-" + (c + 1));
                    f.put("Email", "c" + (c + 1) + ".a" + (a + 1) + "." + prefix.toLowerCase() + "@generated.example");
                    f.put("Account_Name", accountIds[a]);
                    contactTable.put(new CrmRecord(crm.newId(), tick[0] += 1000, tick[0], SandboxUser.UI_USER, SandboxUser.UI_USER,
                            CrmRecord.pack(f)));
                }
            }
        } finally {
            contactTable.lock.unlock();
        }
        long[] vendorIds = new long[vendors];
        vendorTable.lock.lock();
        try {
            for (int v = 0; v < vendors; v++) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("Vendor_Name", prefix + " Vendor " + (v + 1));
                f.put("Email", "sales.v" + (v + 1) + "." + prefix.toLowerCase() + "@generated.example");
                vendorIds[v] = crm.newId();
                vendorTable.put(new CrmRecord(vendorIds[v], tick[0] += 1000, tick[0], SandboxUser.UI_USER, SandboxUser.UI_USER,
                        CrmRecord.pack(f)));
            }
        } finally {
            vendorTable.lock.unlock();
        }
        productTable.lock.lock();
        try {
            for (int p = 0; p < products; p++) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("Product_Name", prefix + " Product " + (p + 1));
                f.put("Product_Code", prefix.toUpperCase() + "-SKU-" + (p + 1));
                f.put("Unit_Price", 10 + (p % 90));
                f.put("Qty_in_Stock", (double) (p % 500));
                f.put("Product_Active", true);
                if (vendors > 0) {
                    f.put("Vendor_Name", vendorIds[p % vendors]);
                }
                productTable.put(new CrmRecord(crm.newId(), tick[0] += 1000, tick[0], SandboxUser.UI_USER, SandboxUser.UI_USER,
                        CrmRecord.pack(f)));
            }
        } finally {
            productTable.lock.unlock();
        }
        synchronized (inventory.lock()) {
            for (int c = 0; c < customers; c++) {
                Map<String, Object> person = new LinkedHashMap<>();
                person.put("first_name", FIRST_NAMES[c % FIRST_NAMES.length]);
                person.put("last_name", prefix + "-" + (c + 1));
                person.put("email", "p" + (c + 1) + "." + prefix.toLowerCase() + "@customer.example");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("contact_name", prefix + " Customer " + (c + 1));
                body.put("contact_persons", List.of(person));
                inventory.newContact(body, null);
            }
            for (int i = 0; i < items; i++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", prefix + " Item " + (i + 1));
                body.put("sku", prefix.toUpperCase() + "-ITEM-" + (i + 1));
                body.put("rate", 5 + (i % 50));
                body.put("initial_stock", i % 100);
                inventory.newItem(body, null);
            }
        }
        return new Generated(accounts, accounts * contactsPerAccount, vendors, products, customers, items,
                (System.nanoTime() - start) / 1_000_000);
    }

    // ------------------------------------------------------------------ knobs, counters, tokens, clock

    /** The live fault and limit knobs; setters take effect on the next call. */
    public SandboxKnobs knobs() {
        return knobs;
    }

    /** Every call counter (see {@link SandboxStats} for the keys). */
    public Map<String, Long> stats() {
        return stats.snapshot();
    }

    /** One counter, e.g. {@code "inventory.write"} or {@code "crm.429"}; 0 when never counted. */
    public long count(String key) {
        return stats.get(key);
    }

    public void resetStats() {
        stats.reset();
    }

    /** An access token without going through the (throttled) token endpoint. */
    public String issueAccessToken() {
        return auth.issue();
    }

    /** Every issued access token stops working now, as after an hour: the next call gets 401. */
    public void expireTokens() {
        auth.expireAll();
    }

    /** Moves the sandbox's clock: tokens expire, rate windows pass, later edits carry later times. */
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    /** The sandbox's current time. */
    public Instant now() {
        return clock.now();
    }

    // ------------------------------------------------------------------ CRM

    /**
     * Creates a CRM record as a user in the web UI would, validated like an API insert. A lookup may
     * be given as {"id":..} or as the bare id.
     *
     * @return the new record's id
     * @throws IllegalArgumentException carrying Zoho's per-record error when the record is refused
     */
    public String crmCreate(String module, Map<String, ?> fields) {
        return crmCreate(module, fields, null, null);
    }

    /** As {@link #crmCreate(String, Map)}, with Created_Time and Modified_Time set (null: now). */
    public String crmCreate(String module, Map<String, ?> fields, Instant createdAt, Instant modifiedAt) {
        CrmTable t = table(module);
        long now = clock.millis();
        long[] times = {createdAt == null ? now : createdAt.toEpochMilli(),
                modifiedAt == null ? now : modifiedAt.toEpochMilli()};
        Map<String, Object> result;
        t.lock.lock();
        try {
            result = crm.insertOne(t, lookupsAsObjects(t, fields), 0, SandboxUser.UI_USER, times, null);
        } finally {
            t.lock.unlock();
        }
        String id = idOrThrow(result);
        crm.publish(module, CrmChanges.INSERT, Long.parseLong(id));
        return id;
    }

    /**
     * Changes a CRM record as a user in the web UI would: Modified_Time becomes now and Modified_By
     * the UI user. A null value clears the field.
     */
    public void crmEdit(String module, String id, Map<String, ?> changes) {
        CrmTable t = table(module);
        Map<String, Object> result;
        t.lock.lock();
        try {
            result = crm.updateOne(t, lookupsAsObjects(t, changes), 0, SandboxUser.UI_USER, id(id));
        } finally {
            t.lock.unlock();
        }
        crm.publish(module, CrmChanges.UPDATE, Long.parseLong(idOrThrow(result)));
    }

    /**
     * Stores values in a CRM record without the API's field validation, as a data migration or a
     * field whose type was changed (text to e-mail) leaves them: a record CRM holds that Inventory may
     * refuse. Modified_Time becomes now.
     */
    public void crmEditUnvalidated(String module, String id, Map<String, ?> changes) {
        CrmTable t = table(module);
        t.lock.lock();
        try {
            CrmRecord existing = t.byId.get(id(id));
            if (existing == null) {
                throw new IllegalArgumentException("no " + module + " record " + id);
            }
            t.put(existing.with(new LinkedHashMap<>(changes), Math.max(clock.millis(), existing.modifiedAt), SandboxUser.UI_USER));
        } finally {
            t.lock.unlock();
        }
        crm.publish(module, CrmChanges.UPDATE, id(id));
    }

    /**
     * Deletes a CRM record as a UI user: it goes to the recycle bin and shows in GET /{module}/deleted
     * (an account takes its contacts with it; records that pointed at it lose the lookup).
     *
     * @return false when there was no such record
     */
    public boolean crmDelete(String module, String id) {
        return crm.delete(table(module), id(id), SandboxUser.UI_USER) != null;
    }

    /**
     * Deletes a CRM record permanently, as emptying the recycle bin does (a live record is deleted
     * first): GET /{module}/deleted then lists it as type "permanent", without name or users.
     *
     * @return false when the module never had the record
     */
    public boolean crmPurge(String module, String id) {
        return crm.purge(table(module), id(id), SandboxUser.UI_USER);
    }

    /**
     * Merges two duplicate CRM records as a user would with Zoho's Find and Merge: {@code masterId}
     * stays, taking the child's values for {@code fieldsFromChild}; records that pointed at the child
     * (an account's contacts, a vendor's products) now point at the master; {@code childId} is
     * deleted into the recycle bin and shows in GET /{module}/deleted. Accounts, Contacts and
     * Vendors only, as in Zoho.
     *
     * @throws IllegalArgumentException for Products, a missing record, or a field the child cannot give
     */
    public void crmMerge(String module, String masterId, String childId, Collection<String> fieldsFromChild) {
        crm.merge(table(module), id(masterId), id(childId), fieldsFromChild, SandboxUser.UI_USER);
    }

    /**
     * Adds a custom field to a CRM module, as an administrator would; records can then hold it with
     * its type checked, and GET /settings/fields lists it with custom_field true. Its api_name is
     * the label with underscores ("Purchase Rate" becomes Purchase_Rate), as Zoho names them.
     *
     * @param dataType text, textarea, email, phone, website, currency, double, integer, boolean or date
     * @return the field's api_name
     */
    public String crmAddCustomField(String module, String fieldLabel, String dataType) {
        table(module);
        return crmFields.addCustomField(module, null, fieldLabel, dataType);
    }

    /** As {@link #crmAddCustomField(String, String, String)} with a chosen api_name (e.g. Purchase_Rate__c). */
    public String crmAddCustomField(String module, String apiName, String fieldLabel, String dataType) {
        table(module);
        return crmFields.addCustomField(module, apiName, fieldLabel, dataType);
    }

    /** The live notification channels (POST /actions/watch), channel_id to events such as "Accounts.create". */
    public Map<String, List<String>> crmNotificationChannels() {
        return watch.channels();
    }

    /** Outgoing callbacks (notifications, webhooks) queued or delayed and not yet sent. */
    public int callbacksPending() {
        return callbacks.pending();
    }

    /** CRM API credits used in the last 24 hours (the crmCreditsPerDay knob caps them). */
    public long crmCreditsUsed() {
        return gate.crmCreditsUsed();
    }

    /** A CRM record with every field, as GET /{module}/{id} shows it. */
    public Optional<Map<String, Object>> crmRecord(String module, String id) {
        CrmTable t = table(module);
        CrmRecord r = t.byId.get(id(id));
        return Optional.ofNullable(r).map(rec -> crm.render(t, rec, null));
    }

    /** Every record of a module, oldest first. Meant for small data sets. */
    public List<Map<String, Object>> crmRecords(String module) {
        CrmTable t = table(module);
        List<Map<String, Object>> out = new ArrayList<>();
        for (CrmRecord r : t.byId.values()) {
            out.add(crm.render(t, r, null));
        }
        return out;
    }

    /** The oldest record whose field equals the value (case-insensitively; lookups by name). */
    public Optional<Map<String, Object>> crmFind(String module, String field, Object value) {
        CrmTable t = table(module);
        String wanted = String.valueOf(value);
        for (CrmRecord r : t.byId.values()) {
            Object v = crm.valueGetter(t, r).apply(field);
            if (v != null && v.toString().equalsIgnoreCase(wanted)) {
                return Optional.of(crm.render(t, r, null));
            }
        }
        return Optional.empty();
    }

    public int crmCount(String module) {
        return table(module).byId.size();
    }

    /**
     * Adds a custom view to a module; {@code criteria} uses the search syntax, e.g.
     * {@code (Annual_Revenue:greater_equal:1000000)}, with "equals" matching exactly.
     *
     * @return the view id (cvid)
     */
    public String crmCreateView(String module, String name, String criteria) {
        table(module);
        Criteria.Node filter;
        try {
            filter = Criteria.parseView(criteria);
        } catch (Criteria.Invalid | Criteria.TooManyConditions e) {
            throw new IllegalArgumentException("bad view criteria '" + criteria + "': " + e.getMessage(), e);
        }
        long id = crm.newId();
        crm.addView(new CustomView(id, module, name, name.replace(' ', '_').toUpperCase(), false, false,
                "created_by_me", criteria, filter, clock.millis()));
        return String.valueOf(id);
    }

    /** The module's table; an unknown module is the caller's mistake, reported as such. */
    private CrmTable table(String module) {
        try {
            return crm.table(module);
        } catch (CrmError e) {
            throw new IllegalArgumentException("unknown CRM module '" + module + "', expected one of "
                    + CrmModule.ALL.keySet(), e);
        }
    }

    private static long id(String id) {
        try {
            return SandboxCrm.parseId(id);
        } catch (CrmError e) {
            throw new IllegalArgumentException("not a CRM record id: '" + id + "'", e);
        }
    }

    private Map<String, Object> lookupsAsObjects(CrmTable t, Map<String, ?> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            CrmModule.Field spec = t.field(k);
            boolean bareId = v instanceof String || v instanceof Long;
            out.put(k, spec != null && spec.type() == CrmModule.Type.LOOKUP && bareId ? Map.of("id", v.toString()) : v);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String idOrThrow(Map<String, Object> result) {
        if (!"success".equals(result.get("status"))) {
            throw new IllegalArgumentException("refused: " + result);
        }
        return (String) ((Map<String, Object>) result.get("details")).get("id");
    }

    // ------------------------------------------------------------------ Inventory

    /**
     * Creates an Inventory contact from an API-shaped body (contact_name, contact_type,
     * contact_persons, ...), validated as the API validates it.
     *
     * @return the contact_id
     * @throws IllegalArgumentException with Zoho's code and message when refused
     */
    public String inventoryCreateContact(Map<String, ?> body) {
        return inventoryCall(() -> {
            synchronized (inventory.lock()) {
                return String.valueOf(inventory.addContact(copy(body)).id);
            }
        });
    }

    /** Changes an Inventory contact as a user in the web UI would (last_modified_time becomes now). */
    public void inventoryEditContact(String contactId, Map<String, ?> changes) {
        inventoryCall(() -> inventory.updateContact(contactId, copy(changes)));
    }

    /** Links or unlinks a contact with Zoho CRM (is_linked_with_zohocrm; the API cannot set it). */
    public void inventorySetLinkedWithCrm(String contactId, boolean linked) {
        inventoryCall(() -> {
            synchronized (inventory.lock()) {
                SandboxInventory.Contact c = contactOrThrow(contactId);
                c.linkedWithCrm = linked;
                return null;
            }
        });
    }

    /** Deletes an Inventory contact as a user would; its contact persons go with it. */
    public void inventoryDeleteContact(String contactId) {
        inventoryCall(() -> inventory.deleteContact(contactId));
    }

    /** Marks a contact active or inactive as a user would (last_modified_time becomes now). */
    public void inventorySetContactActive(String contactId, boolean active) {
        inventoryCall(() -> inventory.markContact(contactId, active));
    }

    /** A contact as GET /contacts/{id} shows it, contact_persons included. */
    public Optional<Map<String, Object>> inventoryContact(String contactId) {
        return inventory.read(inv -> {
            SandboxInventory.Contact c = contactId.matches("\\d{1,18}") ? inv.contactById(Long.parseLong(contactId)) : null;
            return Optional.ofNullable(c).map(x -> inv.renderContact(x, true));
        });
    }

    /** The contact with this contact_name (case-insensitive, as Zoho's uniqueness). */
    public Optional<Map<String, Object>> inventoryContactByName(String name) {
        return inventory.read(inv -> Optional.ofNullable(inv.contactByName(name)).map(c -> inv.renderContact(c, true)));
    }

    /** Every Inventory contact in detail shape, oldest first. */
    public List<Map<String, Object>> inventoryContacts() {
        return inventory.read(inv -> inv.allContacts().stream().map(c -> inv.renderContact(c, true)).toList());
    }

    public int inventoryContactCount() {
        return inventory.read(inv -> inv.allContacts().size());
    }

    /** Creates an item from an API-shaped body (name, sku, rate, initial_stock, ...). */
    public String inventoryCreateItem(Map<String, ?> body) {
        return inventoryCall(() -> {
            synchronized (inventory.lock()) {
                return String.valueOf(inventory.addItem(copy(body)).id);
            }
        });
    }

    /** Deletes an item as a user would. */
    public void inventoryDeleteItem(String itemId) {
        inventoryCall(() -> inventory.deleteItem(itemId));
    }

    /** Marks an item active or inactive as a user would (last_modified_time becomes now). */
    public void inventorySetItemActive(String itemId, boolean active) {
        inventoryCall(() -> inventory.markItem(itemId, active));
    }

    /**
     * Records an inventory adjustment of {@code quantity} (negative to take stock out): stock on hand
     * and available stock move by it, and so does last_modified_time.
     *
     * @throws IllegalArgumentException for an unknown item or one that does not track inventory
     */
    public void inventoryAdjustStock(String itemId, Number quantity) {
        inventoryCall(() -> {
            inventory.adjustStock(itemId, quantity);
            return null;
        });
    }

    /**
     * Declares an Inventory custom field for "contacts" or "items", as a user would in the settings;
     * records can then hold it in custom_fields ({"api_name","value"}). Its api_name is "cf_" and the
     * label in snake case ("Preferred Carrier" becomes cf_preferred_carrier).
     *
     * @param dataType string, email, url, phone, number, decimal, amount, percent, date or check_box
     * @return the field's api_name
     */
    public String inventoryAddCustomField(String module, String label, String dataType) {
        return inventory.addCustomField(module, null, label, dataType).apiName();
    }

    /** As {@link #inventoryAddCustomField(String, String, String)} with a chosen api_name (cf_...). */
    public String inventoryAddCustomField(String module, String apiName, String label, String dataType) {
        return inventory.addCustomField(module, apiName, label, dataType).apiName();
    }

    /**
     * Changes an item as a user in the web UI would. Unlike the API it also takes
     * {@code stock_on_hand}, standing in for a stock adjustment.
     */
    public void inventoryEditItem(String itemId, Map<String, ?> changes) {
        Map<String, Object> body = copy(changes);
        Object stock = body.remove("stock_on_hand");
        inventoryCall(() -> {
            synchronized (inventory.lock()) {
                inventory.updateItem(itemId, body);
                if (stock instanceof Number n) {
                    inventory.itemById(Long.parseLong(itemId)).stockOnHand = n;
                }
                return null;
            }
        });
    }

    public Optional<Map<String, Object>> inventoryItem(String itemId) {
        return inventory.read(inv -> {
            SandboxInventory.Item i = itemId.matches("\\d{1,18}") ? inv.itemById(Long.parseLong(itemId)) : null;
            return Optional.ofNullable(i).map(inv::renderItem);
        });
    }

    /** Every item, oldest first. */
    public List<Map<String, Object>> inventoryItems() {
        return inventory.read(inv -> inv.allItems().stream().map(inv::renderItem).toList());
    }

    public int inventoryItemCount() {
        return inventory.read(inv -> inv.allItems().size());
    }

    /** Adds a sales order for a customer; fields as the list shows them (salesorder_number, status, total...). */
    public String inventoryCreateSalesOrder(String customerId, Map<String, ?> fields) {
        return String.valueOf(inventory.addTransaction(true, Long.parseLong(customerId), copy(fields), null).id());
    }

    /** Adds an invoice for a customer; fields as the list shows them (invoice_number, status, total...). */
    public String inventoryCreateInvoice(String customerId, Map<String, ?> fields) {
        return String.valueOf(inventory.addTransaction(false, Long.parseLong(customerId), copy(fields), null).id());
    }

    private SandboxInventory.Contact contactOrThrow(String contactId) {
        SandboxInventory.Contact c = contactId.matches("\\d{1,18}") ? inventory.contactById(Long.parseLong(contactId)) : null;
        if (c == null) {
            throw InventoryError.notFound("Contact");
        }
        return c;
    }

    private static <T> T inventoryCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (InventoryError e) {
            throw new IllegalArgumentException("refused with code " + e.code + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> copy(Map<String, ?> m) {
        return new LinkedHashMap<>(m);
    }

    private static final String[] CITIES = {"Chennai", "Bengaluru", "Pune", "Austin", "Leeds", "Lyon", "Osaka"};
    private static final String[] INDUSTRIES = {"Technology", "Retail", "Manufacturing", "Logistics", "Healthcare"};
    private static final String[] FIRST_NAMES = {"Asha", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro"};
}
