package io.crminventorysync.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the sandbox knows of one CRM module: its standard fields and their types, keys and lookups. */
final class CrmModule {

    /** Field types, with the data_type, json_type and length the field metadata API shows for them. */
    enum Type {
        TEXT("text", "string", 255), TEXTAREA("textarea", "string", 32_000), EMAIL("email", "string", 100),
        PHONE("phone", "string", 30), WEBSITE("website", "string", 255), LOOKUP("lookup", "jsonobject", 120),
        CURRENCY("currency", "double", 16), DOUBLE("double", "double", 16), INTEGER("integer", "integer", 9),
        BOOLEAN("boolean", "boolean", 5), DATE("date", "string", 20);

        final String dataType;
        final String jsonType;
        final int length;

        Type(String dataType, String jsonType, int length) {
            this.dataType = dataType;
            this.jsonType = jsonType;
            this.length = length;
        }

        /** The type with this data_type (text, textarea, email, ...), or null. */
        static Type ofDataType(String dataType) {
            for (Type t : values()) {
                if (t.dataType.equals(dataType)) {
                    return t;
                }
            }
            return null;
        }
    }

    record Field(String name, Type type, String lookupModule) {
        int maxLength() {
            return switch (type) {
                case TEXTAREA -> 32_000;
                case PHONE -> 30;
                default -> 255;
            };
        }
    }

    /** Fields every record carries that a write cannot set (Zoho ignores them in a write body). */
    static final Set<String> SYSTEM_FIELDS = Set.of("id", "Owner", "Created_Time", "Modified_Time", "Created_By",
            "Modified_By", "Full_Name", "Tag", "Record_Image", "Last_Activity_Time", "Currency", "Exchange_Rate");

    static final String ACCOUNTS = "Accounts";
    static final String CONTACTS = "Contacts";
    static final String VENDORS = "Vendors";
    static final String PRODUCTS = "Products";

    static final Map<String, CrmModule> ALL;

    final String name;
    /** The module's id, as resource_id in notifications and module.id in duplicate details. */
    final String id;
    /** The system-mandatory field (Account_Name, Last_Name, Vendor_Name, Product_Name). */
    final String mandatory;
    /** The system duplicate-check field used by upsert (Account_Name, Email, Vendor_Name, Product_Name). */
    final String duplicateKey;
    /** Whether a plain insert refuses a second record with the same duplicate key. */
    final boolean duplicateKeyUnique;
    final Map<String, Field> fields;

    private CrmModule(String name, String id, String mandatory, String duplicateKey, boolean unique,
                      Map<String, Field> fields) {
        this.name = name;
        this.id = id;
        this.mandatory = mandatory;
        this.duplicateKey = duplicateKey;
        this.duplicateKeyUnique = unique;
        this.fields = Collections.unmodifiableMap(fields);
    }

    Field field(String apiName) {
        return fields.get(apiName);
    }

    List<Field> lookups() {
        return fields.values().stream().filter(f -> f.type() == Type.LOOKUP).toList();
    }

    /** The name a lookup to a record of this module shows ({"name":..,"id":..}). */
    String displayName(CrmRecord r) {
        if (CONTACTS.equals(name)) {
            String first = (String) r.get("First_Name");
            String last = (String) r.get("Last_Name");
            return first == null || first.isBlank() ? last : first + " " + last;
        }
        Object v = r.get(mandatory);
        return v == null ? null : v.toString();
    }

    static {
        Map<String, CrmModule> all = new LinkedHashMap<>();

        Map<String, Field> accounts = new LinkedHashMap<>();
        text(accounts, "Account_Name", "Account_Number", "Account_Site", "Account_Type", "Industry", "Ownership",
                "Rating", "Ticker_Symbol", "Billing_Street", "Billing_City", "Billing_State", "Billing_Code",
                "Billing_Country", "Shipping_Street", "Shipping_City", "Shipping_State", "Shipping_Code",
                "Shipping_Country", "Territories");
        typed(accounts, Type.CURRENCY, "Annual_Revenue");
        typed(accounts, Type.PHONE, "Phone", "Fax");
        typed(accounts, Type.WEBSITE, "Website");
        typed(accounts, Type.INTEGER, "Employees", "SIC_Code");
        typed(accounts, Type.TEXTAREA, "Description");
        accounts.put("Parent_Account", new Field("Parent_Account", Type.LOOKUP, ACCOUNTS));
        all.put(ACCOUNTS, new CrmModule(ACCOUNTS, "4150868000000002179", "Account_Name", "Account_Name", true, accounts));

        Map<String, Field> contacts = new LinkedHashMap<>();
        text(contacts, "First_Name", "Last_Name", "Salutation", "Title", "Department", "Lead_Source", "Assistant",
                "Skype_ID", "Twitter", "Mailing_Street", "Mailing_City", "Mailing_State", "Mailing_Zip",
                "Mailing_Country", "Other_Street", "Other_City", "Other_State", "Other_Zip", "Other_Country");
        typed(contacts, Type.EMAIL, "Email", "Secondary_Email");
        typed(contacts, Type.PHONE, "Phone", "Mobile", "Home_Phone", "Other_Phone", "Fax", "Asst_Phone");
        typed(contacts, Type.BOOLEAN, "Email_Opt_Out");
        typed(contacts, Type.DATE, "Date_of_Birth");
        typed(contacts, Type.TEXTAREA, "Description");
        contacts.put("Account_Name", new Field("Account_Name", Type.LOOKUP, ACCOUNTS));
        contacts.put("Vendor_Name", new Field("Vendor_Name", Type.LOOKUP, VENDORS));
        contacts.put("Reporting_To", new Field("Reporting_To", Type.LOOKUP, CONTACTS));
        all.put(CONTACTS, new CrmModule(CONTACTS, "4150868000000002181", "Last_Name", "Email", false, contacts));

        Map<String, Field> vendors = new LinkedHashMap<>();
        text(vendors, "Vendor_Name", "GL_Account", "Category", "Street", "City", "State", "Zip_Code", "Country");
        typed(vendors, Type.EMAIL, "Email");
        typed(vendors, Type.PHONE, "Phone");
        typed(vendors, Type.WEBSITE, "Website");
        typed(vendors, Type.TEXTAREA, "Description");
        all.put(VENDORS, new CrmModule(VENDORS, "4150868000000002189", "Vendor_Name", "Vendor_Name", true, vendors));

        Map<String, Field> products = new LinkedHashMap<>();
        text(products, "Product_Name", "Product_Code", "Product_Category", "Manufacturer", "Usage_Unit");
        typed(products, Type.BOOLEAN, "Product_Active", "Taxable");
        typed(products, Type.CURRENCY, "Unit_Price");
        typed(products, Type.DOUBLE, "Commission_Rate", "Qty_Ordered", "Qty_in_Stock", "Reorder_Level", "Qty_in_Demand");
        typed(products, Type.DATE, "Sales_Start_Date", "Sales_End_Date", "Support_Start_Date", "Support_Expiry_Date");
        typed(products, Type.TEXTAREA, "Description");
        products.put("Vendor_Name", new Field("Vendor_Name", Type.LOOKUP, VENDORS));
        all.put(PRODUCTS, new CrmModule(PRODUCTS, "4150868000000002185", "Product_Name", "Product_Name", true, products));

        ALL = Collections.unmodifiableMap(all);
    }

    private static void text(Map<String, Field> m, String... names) {
        typed(m, Type.TEXT, names);
    }

    private static void typed(Map<String, Field> m, Type type, String... names) {
        for (String n : names) {
            m.put(n, new Field(n, type, null));
        }
    }
}
