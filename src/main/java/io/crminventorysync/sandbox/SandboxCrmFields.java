package io.crminventorysync.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * CRM field metadata, {@code GET /settings/fields?module=..} and {@code /settings/fields/{id}}
 * (scope ZohoCRM.settings.fields.READ): the standard fields of each module (reference section 1.2),
 * the system fields every record carries, and the custom fields added with
 * {@link #addCustomField}. Each field shows the keys a client reads to check a mapping:
 * {@code api_name, field_label, display_label, data_type, json_type, length, custom_field,
 * read_only, field_read_only, system_mandatory, visible, id, lookup}; a lookup names its module in
 * {@code lookup.module}, other fields have an empty {@code lookup}.
 */
@Component
@SandboxEnabled
public class SandboxCrmFields {

    /** Fields every record shows, read-only to the API except Owner. */
    private record SystemField(String apiName, String label, String dataType, String jsonType, boolean readOnly) {
    }

    private static final List<SystemField> SYSTEM = List.of(
            new SystemField("Owner", "Owner", "ownerlookup", "jsonobject", false),
            new SystemField("Created_By", "Created By", "ownerlookup", "jsonobject", true),
            new SystemField("Modified_By", "Modified By", "ownerlookup", "jsonobject", true),
            new SystemField("Created_Time", "Created Time", "datetime", "string", true),
            new SystemField("Modified_Time", "Modified Time", "datetime", "string", true),
            new SystemField("Tag", "Tag", "text", "jsonarray", false));

    private final SandboxCrm crm;

    public SandboxCrmFields(SandboxCrm crm) {
        this.crm = crm;
    }

    ResponseEntity<Object> fields(Map<String, String> params) {
        CrmTable t = crm.table(requiredModule(params));
        return SandboxGate.json(200, Map.of("fields", all(t)));
    }

    ResponseEntity<Object> field(String id, Map<String, String> params) {
        CrmTable t = crm.table(requiredModule(params));
        for (Map<String, Object> f : all(t)) {
            if (f.get("id").equals(id)) {
                return SandboxGate.json(200, Map.of("fields", List.of(f)));
            }
        }
        throw CrmError.of(400, "INVALID_DATA", "the id given seems to be invalid", "id", id);
    }

    /**
     * Adds a custom field, as an administrator would in the CRM's layout editor. Without
     * {@code apiName} Zoho's naming is used: the label with underscores for anything that is not a
     * letter or digit ("Purchase Rate" becomes Purchase_Rate).
     *
     * @param dataType one of text, textarea, email, phone, website, currency, double, integer, boolean, date
     * @return the field's api_name
     * @throws IllegalArgumentException for a bad type or name, or a name the module already has
     */
    String addCustomField(String module, String apiName, String label, String dataType) {
        CrmTable t = crm.table(module);
        CrmModule.Type type = CrmModule.Type.ofDataType(dataType);
        if (type == null || type == CrmModule.Type.LOOKUP) {
            throw new IllegalArgumentException("data type '" + dataType + "' is not one of text, textarea, email, phone,"
                    + " website, currency, double, integer, boolean, date");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a custom field needs a label");
        }
        String name = apiName != null ? apiName : label.trim().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + name + "' is not a field API name");
        }
        t.lock.lock();
        try {
            if (t.field(name) != null || CrmModule.SYSTEM_FIELDS.contains(name)) {
                throw new IllegalArgumentException(module + " already has a field " + name);
            }
            long id = crm.newId();
            t.customFields.put(id, new CrmTable.CustomField(new CrmModule.Field(name, type, null), label.trim(), id));
        } finally {
            t.lock.unlock();
        }
        return name;
    }

    private static String requiredModule(Map<String, String> params) {
        String module = params.get("module");
        if (module == null || module.isBlank()) {
            throw CrmError.of(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    "param_name", "module");
        }
        return module;
    }

    private static List<Map<String, Object>> all(CrmTable t) {
        List<Map<String, Object>> out = new ArrayList<>();
        // Stable ids below those handed to records: 4150868000000300000 + 1000 per module.
        long base = 4_150_868_000_000_300_000L + 1000L * new ArrayList<>(CrmModule.ALL.keySet()).indexOf(t.module.name);
        int i = 0;
        for (SystemField s : SYSTEM) {
            out.add(shape(String.valueOf(base + i++), s.apiName(), s.label(), s.dataType(), s.jsonType(),
                    120, false, s.readOnly(), false, null));
        }
        if (CrmModule.CONTACTS.equals(t.module.name)) {
            out.add(shape(String.valueOf(base + i++), "Full_Name", "Full Name", "text", "string", 255, false, true,
                    false, null));
        }
        for (CrmModule.Field f : t.module.fields.values()) {
            out.add(shape(String.valueOf(base + i++), f.name(), label(f.name()), f.type().dataType, f.type().jsonType,
                    f.type().length, false, false, f.name().equals(t.module.mandatory), f.lookupModule()));
        }
        for (CrmTable.CustomField c : t.customFields.values()) {
            CrmModule.Field f = c.field();
            out.add(shape(String.valueOf(c.id()), f.name(), c.label(), f.type().dataType, f.type().jsonType,
                    f.type().length, true, false, false, null));
        }
        return out;
    }

    private static Map<String, Object> shape(String id, String apiName, String label, String dataType, String jsonType,
                                             int length, boolean custom, boolean readOnly, boolean mandatory,
                                             String lookupModule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("api_name", apiName);
        m.put("field_label", label);
        m.put("display_label", label);
        m.put("data_type", dataType);
        m.put("json_type", jsonType);
        m.put("length", length);
        m.put("custom_field", custom);
        m.put("read_only", readOnly);
        m.put("field_read_only", readOnly);
        m.put("system_mandatory", mandatory);
        m.put("visible", true);
        m.put("id", id);
        if (lookupModule != null) {
            Map<String, Object> module = new LinkedHashMap<>();
            module.put("api_name", lookupModule);
            module.put("id", CrmModule.ALL.get(lookupModule).id);
            Map<String, Object> lookup = new LinkedHashMap<>();
            lookup.put("display_label", label);
            lookup.put("api_name", null);
            lookup.put("module", module);
            lookup.put("id", null);
            m.put("lookup", lookup);
        } else {
            m.put("lookup", Map.of());
        }
        m.put("decimal_place", "currency".equals(dataType) || "double".equals(dataType) ? 2 : null);
        return m;
    }

    /** The label Zoho gives a standard field: its API name with spaces. */
    private static String label(String apiName) {
        return apiName.replace('_', ' ');
    }
}
