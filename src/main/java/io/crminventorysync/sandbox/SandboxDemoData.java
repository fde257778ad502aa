package io.crminventorysync.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo data set. Ids are fixed, so the README, the console and tests can name them; they sit
 * below the ids the sandbox hands out, so they never collide with generated or API-created records.
 *
 * <ul>
 *   <li>CRM account "Aztec Technologies" with contacts Frankline, Jose and Nisha, inside the
 *       custom view "Key accounts" (Annual_Revenue of at least 1,000,000).</li>
 *   <li>"Zylker Traders" (also a key account) already exists in Inventory as a customer with a sales
 *       order and invoices: the duplicate-handling demo.</li>
 *   <li>"Blue Yonder Airlines" and "Globex Retail" are outside the view; a contact with no account.</li>
 *   <li>Three vendors; four products with SKUs (Product_Code), prices, stock and a vendor lookup;
 *       in Inventory, one item sharing a product's SKU and one Inventory-only item.</li>
 * </ul>
 */
final class SandboxDemoData {

    static final String AZTEC = "4150868000000224005";
    static final String ZYLKER = "4150868000000224011";
    static final String BLUE_YONDER = "4150868000000224017";
    static final String GLOBEX = "4150868000000224023";
    static final String FRANKLINE = "4150868000000224105";
    static final String JOSE = "4150868000000224111";
    static final String NISHA = "4150868000000224117";
    static final String MAYA = "4150868000000224123";
    static final String TOM = "4150868000000224129";
    static final String OLIVER_NO_ACCOUNT = "4150868000000224135";
    static final String ACME_VENDOR = "4150868000000224205";
    static final String BOLT_VENDOR = "4150868000000224211";
    static final String CRESTLINE_VENDOR = "4150868000000224217";
    static final String SCANNER = "4150868000000224305";
    static final String PRINTER = "4150868000000224311";
    static final String TAPE = "4150868000000224317";
    static final String INSTALLATION = "4150868000000224323";
    static final String KEY_ACCOUNTS_VIEW = "4150868000000087533";
    static final String INV_ZYLKER = "460000000026049";
    static final String INV_ZYLKER_PERSON = "460000000026051";
    static final String INV_SCANNER_ITEM = "460000000027001";
    static final String INV_BOXES_ITEM = "460000000027005";
    static final String INV_SALES_ORDER_1 = "460000000028001";
    static final String INV_SALES_ORDER_2 = "460000000028003";
    static final String INV_INVOICE_1 = "460000000029001";
    static final String INV_INVOICE_2 = "460000000029003";

    private SandboxDemoData() {
    }

    static Map<String, String> ids() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("crm.account.Aztec Technologies", AZTEC);
        m.put("crm.account.Zylker Traders", ZYLKER);
        m.put("crm.account.Blue Yonder Airlines", BLUE_YONDER);
        m.put("crm.account.Globex Retail", GLOBEX);
        m.put("crm.contact.Frankline Mendes", FRANKLINE);
        m.put("crm.contact.Jose Alvarez", JOSE);
        m.put("crm.contact.Nisha Rao", NISHA);
        m.put("crm.contact.Maya Chen", MAYA);
        m.put("crm.contact.Tom Becker", TOM);
        m.put("crm.contact.Oliver Grant (no account)", OLIVER_NO_ACCOUNT);
        m.put("crm.vendor.Acme Components", ACME_VENDOR);
        m.put("crm.vendor.Bolt & Nut Supply", BOLT_VENDOR);
        m.put("crm.vendor.Crestline Packaging", CRESTLINE_VENDOR);
        m.put("crm.product.Wireless Barcode Scanner", SCANNER);
        m.put("crm.product.Thermal Label Printer", PRINTER);
        m.put("crm.product.Packing Tape 48mm", TAPE);
        m.put("crm.product.Installation Service", INSTALLATION);
        m.put("crm.view.Key accounts", KEY_ACCOUNTS_VIEW);
        m.put("inventory.customer.Zylker Traders", INV_ZYLKER);
        m.put("inventory.contactperson.Maya Chen", INV_ZYLKER_PERSON);
        m.put("inventory.item.Wireless Barcode Scanner", INV_SCANNER_ITEM);
        m.put("inventory.item.Shipping Boxes Large", INV_BOXES_ITEM);
        m.put("inventory.salesorder.SO-00001", INV_SALES_ORDER_1);
        m.put("inventory.salesorder.SO-00002", INV_SALES_ORDER_2);
        m.put("inventory.invoice.INV-00001", INV_INVOICE_1);
        m.put("inventory.invoice.INV-00002", INV_INVOICE_2);
        return m;
    }

    static void load(SandboxCrm crm, SandboxInventory inventory, SandboxClock clock) {
        long now = clock.millis();
        long created = now - Duration.ofDays(30).toMillis();
        long modified = now - Duration.ofDays(2).toMillis();

        crmInsert(crm, CrmModule.ACCOUNTS, AZTEC, created, modified, Map.of(
                "Account_Name", "Aztec Technologies", "Industry", "Technology", "Account_Type", "Customer",
                "Annual_Revenue", 2_500_000, "Phone", "+91 44 2345 6789", "Website", "https://aztec.example",
                "Billing_Street", "12 Anna Salai", "Billing_City", "Chennai", "Billing_Country", "India"));
        crmInsert(crm, CrmModule.ACCOUNTS, ZYLKER, created, modified, Map.of(
                "Account_Name", "Zylker Traders", "Industry", "Retail", "Account_Type", "Customer",
                "Annual_Revenue", 1_200_000, "Phone", "+91 80 4123 9876", "Billing_City", "Bengaluru",
                "Billing_Country", "India"));
        crmInsert(crm, CrmModule.ACCOUNTS, BLUE_YONDER, created, modified, Map.of(
                "Account_Name", "Blue Yonder Airlines", "Industry", "Transportation", "Account_Type", "Prospect",
                "Annual_Revenue", 300_000, "Billing_City", "Seattle", "Billing_Country", "United States"));
        crmInsert(crm, CrmModule.ACCOUNTS, GLOBEX, created, modified, Map.of(
                "Account_Name", "Globex Retail", "Account_Type", "Prospect", "Billing_City", "Leeds",
                "Billing_Country", "United Kingdom"));

        crmInsert(crm, CrmModule.CONTACTS, FRANKLINE, created, modified, Map.of(
                "First_Name", "Frankline", "Last_Name", "Mendes", "Email", "frankline.mendes@aztec.example",
                "Phone", "+91 98400 11111", "Title", "Purchasing Manager", "Account_Name", Map.of("id", AZTEC)));
        crmInsert(crm, CrmModule.CONTACTS, JOSE, created, modified, Map.of(
                "First_Name", "Jose", "Last_Name", "Alvarez", "Email", "jose.alvarez@aztec.example",
                "Phone", "+91 98400 22222", "Title", "CFO", "Account_Name", Map.of("id", AZTEC)));
        crmInsert(crm, CrmModule.CONTACTS, NISHA, created, modified, Map.of(
                "First_Name", "Nisha", "Last_Name", "Rao", "Email", "nisha.rao@aztec.example",
                "Mobile", "+91 98400 33333", "Title", "Operations Lead", "Account_Name", Map.of("id", AZTEC)));
        crmInsert(crm, CrmModule.CONTACTS, MAYA, created, modified, Map.of(
                "First_Name", "Maya", "Last_Name", "Chen", "Email", "maya.chen@zylker.example",
                "Account_Name", Map.of("id", ZYLKER)));
        crmInsert(crm, CrmModule.CONTACTS, TOM, created, modified, Map.of(
                "First_Name", "Tom", "Last_Name", "Becker", "Email", "tom.becker@blueyonder.example",
                "Account_Name", Map.of("id", BLUE_YONDER)));
        crmInsert(crm, CrmModule.CONTACTS, OLIVER_NO_ACCOUNT, created, modified, Map.of(
                "First_Name", "Oliver", "Last_Name", "Grant", "Email", "oliver.grant@freelance.example",
                "Phone", "+44 20 7946 0000"));

        crmInsert(crm, CrmModule.VENDORS, ACME_VENDOR, created, modified, Map.of(
                "Vendor_Name", "Acme Components", "Email", "sales@acme-components.example", "Phone", "+1 512 555 0100",
                "City", "Austin", "Country", "United States"));
        crmInsert(crm, CrmModule.VENDORS, BOLT_VENDOR, created, modified, Map.of(
                "Vendor_Name", "Bolt & Nut Supply", "Email", "orders@boltnut.example", "City", "Pune"));
        crmInsert(crm, CrmModule.VENDORS, CRESTLINE_VENDOR, created, modified, Map.of(
                "Vendor_Name", "Crestline Packaging", "Email", "hello@crestline.example", "City", "Lyon"));

        crmInsert(crm, CrmModule.PRODUCTS, SCANNER, created, modified, Map.of(
                "Product_Name", "Wireless Barcode Scanner", "Product_Code", "SKU-SCN-100", "Unit_Price", 149.0,
                "Qty_in_Stock", 40.0, "Reorder_Level", 10.0, "Usage_Unit", "Each", "Product_Active", true,
                "Vendor_Name", Map.of("id", ACME_VENDOR)));
        crmInsert(crm, CrmModule.PRODUCTS, PRINTER, created, modified, Map.of(
                "Product_Name", "Thermal Label Printer", "Product_Code", "SKU-PRN-200", "Unit_Price", 329.5,
                "Qty_in_Stock", 12.0, "Reorder_Level", 5.0, "Usage_Unit", "Each", "Product_Active", true,
                "Vendor_Name", Map.of("id", ACME_VENDOR)));
        crmInsert(crm, CrmModule.PRODUCTS, TAPE, created, modified, Map.of(
                "Product_Name", "Packing Tape 48mm", "Product_Code", "SKU-TAP-048", "Unit_Price", 3.2,
                "Qty_in_Stock", 500.0, "Usage_Unit", "Box", "Product_Active", true,
                "Vendor_Name", Map.of("id", CRESTLINE_VENDOR)));
        crmInsert(crm, CrmModule.PRODUCTS, INSTALLATION, created, modified, Map.of(
                "Product_Name", "Installation Service", "Product_Code", "SVC-INST", "Unit_Price", 80.0,
                "Product_Active", true, "Description", "On-site installation of scanners and printers"));

        crm.addView(new CustomView(Long.parseLong(KEY_ACCOUNTS_VIEW), CrmModule.ACCOUNTS, "Key accounts",
                "KEY_ACCOUNTS", false, false, "created_by_me", "(Annual_Revenue:greater_equal:1000000)",
                Criteria.parseView("(Annual_Revenue:greater_equal:1000000)"), created));

        synchronized (inventory.lock()) {
            Map<String, Object> maya = new LinkedHashMap<>();
            maya.put("contact_person_id", null);
            maya.put("first_name", "Maya");
            maya.put("last_name", "Chen");
            maya.put("email", "maya.chen@zylker.example");
            maya.put("is_primary_contact", true);
            Map<String, Object> zylker = new LinkedHashMap<>();
            zylker.put("contact_name", "Zylker Traders");
            zylker.put("company_name", "Zylker Traders Pvt Ltd");
            zylker.put("contact_type", "customer");
            zylker.put("customer_sub_type", "business");
            zylker.put("contact_persons", List.of(maya));
            SandboxInventory.Contact c = inventory.newContact(zylker, Long.parseLong(INV_ZYLKER));
            inventory.renumberPerson(c, c.persons.keySet().iterator().next(), Long.parseLong(INV_ZYLKER_PERSON));

            inventory.newItem(Map.of("name", "Wireless Barcode Scanner", "sku", "SKU-SCN-100", "rate", 145.0,
                    "purchase_rate", 98.0, "unit", "pcs", "product_type", "goods", "initial_stock", 25,
                    "reorder_level", 10), Long.parseLong(INV_SCANNER_ITEM));
            inventory.newItem(Map.of("name", "Shipping Boxes Large", "sku", "BOX-L-001", "rate", 2.5,
                    "purchase_rate", 1.1, "unit", "pcs", "product_type", "goods", "initial_stock", 800,
                    "reorder_level", 200), Long.parseLong(INV_BOXES_ITEM));
        }
        long zylkerId = Long.parseLong(INV_ZYLKER);
        inventory.addTransaction(true, zylkerId, transaction("salesorder_number", "SO-00001", "confirmed", 1450.0,
                clock), Long.parseLong(INV_SALES_ORDER_1));
        inventory.addTransaction(true, zylkerId, transaction("salesorder_number", "SO-00002", "draft", 329.5,
                clock), Long.parseLong(INV_SALES_ORDER_2));
        inventory.addTransaction(false, zylkerId, transaction("invoice_number", "INV-00001", "paid", 1450.0,
                clock), Long.parseLong(INV_INVOICE_1));
        inventory.addTransaction(false, zylkerId, transaction("invoice_number", "INV-00002", "sent", 329.5,
                clock), Long.parseLong(INV_INVOICE_2));
    }

    private static Map<String, Object> transaction(String numberField, String number, String status, double total,
                                                   SandboxClock clock) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(numberField, number);
        m.put("reference_number", "");
        m.put("status", status);
        m.put("date", SandboxClock.inventoryDate(clock.millis()));
        m.put("total", total);
        m.put("currency_code", "INR");
        if (numberField.startsWith("invoice")) {
            m.put("due_date", SandboxClock.inventoryDate(clock.millis() + Duration.ofDays(15).toMillis()));
            m.put("balance", "paid".equals(status) ? 0.0 : total);
        }
        return m;
    }

    private static void crmInsert(SandboxCrm crm, String module, String id, long created, long modified,
                                  Map<String, Object> fields) {
        CrmTable t = crm.table(module);
        Map<String, Object> result;
        t.lock.lock();
        try {
            result = crm.insertOne(t, new LinkedHashMap<>(fields), 0, SandboxUser.UI_USER,
                    new long[] {created, modified}, Long.parseLong(id));
        } finally {
            t.lock.unlock();
        }
        if (!"success".equals(result.get("status"))) {
            throw new IllegalStateException("demo record " + id + " refused: " + result);
        }
    }
}
