package io.crminventorysync.mapping;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The standard field names on each side (docs: zoho-api.md 1.2 for CRM, 2.2 and 2.3 for Inventory).
 * A mapping naming anything else must say {@code custom="crm|inventory|both"}, so a typo in a
 * standard name is caught at start-up instead of silently syncing nothing.
 */
final class KnownFields {

    /** The modules whose bindings a lookup can go through (SyncProperties.MODULES). */
    static final List<String> MODULES = List.of("accounts", "vendors", "products");

    /** Every CRM record has these. */
    private static final List<String> CRM_COMMON = List.of(
            "id", "Owner", "Created_Time", "Modified_Time", "Created_By", "Modified_By", "Tag", "Record_Image");

    private static final Map<String, Set<String>> CRM = Map.of(
            "Accounts", crm(List.of("Last_Activity_Time",
                    "Account_Name", "Account_Number", "Account_Site", "Account_Type", "Industry", "Annual_Revenue",
                    "Phone", "Fax", "Website", "Ownership", "Rating", "SIC_Code", "Ticker_Symbol", "Employees",
                    "Parent_Account", "Description", "Territories"),
                    address("Billing_", "Code"), address("Shipping_", "Code")),
            "Contacts", crm(List.of("Last_Activity_Time",
                    "First_Name", "Last_Name", "Full_Name", "Salutation", "Account_Name", "Vendor_Name", "Reports_To",
                    "Reporting_To", "Email", "Secondary_Email", "Phone", "Mobile", "Home_Phone", "Other_Phone", "Fax",
                    "Asst_Phone", "Assistant", "Title", "Department", "Lead_Source", "Date_of_Birth", "Email_Opt_Out",
                    "Skype_ID", "Twitter", "Description"),
                    address("Mailing_", "Zip"), address("Other_", "Zip")),
            "Vendors", crm(List.of(
                    "Vendor_Name", "Email", "Phone", "Website", "GL_Account", "Category", "Description",
                    "Street", "City", "State", "Zip_Code", "Country")),
            "Products", crm(List.of(
                    "Product_Name", "Product_Code", "Product_Active", "Product_Category", "Manufacturer", "Vendor_Name",
                    "Unit_Price", "Commission_Rate", "Tax", "Taxable", "Usage_Unit", "Qty_Ordered", "Qty_in_Stock",
                    "Reorder_Level", "Qty_in_Demand", "Handler", "Description", "Sales_Start_Date", "Sales_End_Date",
                    "Support_Start_Date", "Support_Expiry_Date")));

    private static final List<String> ADDRESS = List.of(
            "attention", "address", "street2", "city", "state", "zip", "country", "fax", "phone");

    private static final Set<String> CONTACT_PERSON = Set.of(
            "contact_person_id", "contact_id", "first_name", "last_name", "email", "phone", "mobile", "salutation",
            "designation", "department", "skype", "enable_portal", "is_primary_contact", "communication_preference");

    private static final Set<String> CONTACT = Set.of(
            "contact_id", "contact_name", "company_name", "contact_type", "customer_sub_type", "website",
            "payment_terms", "payment_terms_label", "currency_id", "currency_code", "language_code", "notes",
            "status", "first_name", "last_name", "email", "phone", "mobile", "created_time", "last_modified_time",
            "has_transaction", "is_linked_with_zohocrm", "primary_contact_id", "outstanding_receivable_amount",
            "unused_credits_receivable_amount");

    private static final Set<String> ITEM = Set.of(
            "item_id", "name", "item_name", "rate", "purchase_rate", "sku", "unit", "item_type", "product_type",
            "description", "purchase_description", "vendor_id", "vendor_name", "reorder_level", "track_inventory",
            "is_taxable", "tax_id", "upc", "ean", "isbn", "part_number", "status", "source", "is_linked_with_zohocrm",
            "zcrm_product_id", "stock_on_hand", "available_stock", "actual_available_stock", "created_time",
            "last_modified_time", "initial_stock", "initial_stock_rate");

    static final List<String> CRM_MODULES = List.of("Accounts", "Contacts", "Vendors", "Products");

    /**
     * Documented lengths (zoho-api.md 1.2 "Field type limits", 2.2): CRM single line 255, multi line
     * (large) 32,000, phone 30; Inventory contact_name 200. A longer value is refused by the target
     * (INVALID_DATA with maximum_length, or Inventory code 15), so mapped text is cut to fit.
     */
    static final int CRM_SINGLE_LINE = 255;
    static final int CRM_MULTI_LINE = 32_000;
    static final int CRM_PHONE = 30;
    static final int INVENTORY_CONTACT_NAME = 200;

    /** CRM fields of type phone; Description is multi line; the other standard text fields are single line. */
    private static final Set<String> CRM_PHONE_FIELDS = Set.of(
            "Phone", "Fax", "Mobile", "Home_Phone", "Other_Phone", "Asst_Phone");
    private static final Set<String> CRM_MULTI_LINE_FIELDS = Set.of("Description");

    private KnownFields() {
    }

    @SafeVarargs
    private static Set<String> crm(List<String>... lists) {
        Set<String> out = new LinkedHashSet<>(CRM_COMMON);
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return Set.copyOf(out);
    }

    private static List<String> address(String prefix, String zip) {
        return List.of(prefix + "Street", prefix + "City", prefix + "State", prefix + zip, prefix + "Country");
    }

    /**
     * The most characters a standard CRM field takes (phone 30, multi line 32,000, single line 255),
     * or 0 when unknown (a custom field, whose type the mapping does not say). Values that are not
     * text (numbers, lookups, booleans) are never cut, whatever this says.
     */
    static int crmMaxLength(String crmModule, String field) {
        if (field == null || !isCrmField(crmModule, field) || CRM_COMMON.contains(field)) {
            return 0;
        }
        if (CRM_PHONE_FIELDS.contains(field)) {
            return CRM_PHONE;
        }
        return CRM_MULTI_LINE_FIELDS.contains(field) ? CRM_MULTI_LINE : CRM_SINGLE_LINE;
    }

    /** The most characters a standard Inventory field takes where Zoho documents it (contact_name), else 0. */
    static int inventoryMaxLength(String entity, String path) {
        return "contact".equals(entity) && "contact_name".equals(path) ? INVENTORY_CONTACT_NAME : 0;
    }

    /** The standard names of an Inventory entity, addresses and the first contact person spelled out. */
    static List<String> inventoryFields(String entity) {
        List<String> out = new java.util.ArrayList<>();
        switch (entity) {
            case "contact" -> {
                out.addAll(new java.util.TreeSet<>(CONTACT));
                for (String a : ADDRESS) {
                    out.add("billing_address." + a);
                    out.add("shipping_address." + a);
                }
                new java.util.TreeSet<>(CONTACT_PERSON).forEach(p -> out.add("contact_persons.0." + p));
            }
            case "contact_person" -> out.addAll(new java.util.TreeSet<>(CONTACT_PERSON));
            case "item" -> out.addAll(new java.util.TreeSet<>(ITEM));
            default -> { }
        }
        return out;
    }

    static boolean isCrmModule(String crmModule) {
        return CRM.containsKey(crmModule);
    }

    static boolean isCrmField(String crmModule, String field) {
        return CRM.getOrDefault(crmModule, Set.of()).contains(field);
    }

    /**
     * Whether a dotted Inventory path names a standard field of the entity: billing_address.city,
     * contact_persons.0.email on a contact; plain names elsewhere.
     */
    static boolean isInventoryField(String entity, String path) {
        String[] p = path.split("\\.");
        switch (entity) {
            case "contact":
                if (p.length == 1) {
                    return CONTACT.contains(p[0]);
                }
                if (p.length == 2 && (p[0].equals("billing_address") || p[0].equals("shipping_address"))) {
                    return ADDRESS.contains(p[1]);
                }
                return p.length == 3 && p[0].equals("contact_persons") && p[1].matches("[0-9]+")
                        && CONTACT_PERSON.contains(p[2]);
            case "contact_person":
                return p.length == 1 && CONTACT_PERSON.contains(p[0]);
            case "item":
                return p.length == 1 && ITEM.contains(p[0]);
            default:
                return false;
        }
    }
}
