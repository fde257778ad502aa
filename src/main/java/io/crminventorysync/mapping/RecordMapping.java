package io.crminventorysync.mapping;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One named record mapping of a module file, e.g. {@code account} (CRM Accounts to Inventory
 * contacts) or {@code person} (CRM Contacts to Inventory contact persons). Immutable once loaded.
 */
public final class RecordMapping {

    private final String name;
    private final String crmModule;
    private final String inventoryEntity;
    private final Path file;
    private final int line;
    private final String crmKeyField;
    private final String inventoryKeyField;
    private final String crmSecondaryKeyField;
    private final String inventorySecondaryKeyField;
    private final String crmParentField;
    private final String parentModule;
    private final List<FieldMapping> fields;
    private final List<String> crmFields;
    private final List<String> inventoryFields;

    RecordMapping(String name, String crmModule, String inventoryEntity, Path file, int line,
                  String crmKeyField, String inventoryKeyField,
                  String crmSecondaryKeyField, String inventorySecondaryKeyField,
                  String crmParentField, String parentModule, List<FieldMapping> fields) {
        this.name = name;
        this.crmModule = crmModule;
        this.inventoryEntity = inventoryEntity;
        this.file = file;
        this.line = line;
        this.crmKeyField = crmKeyField;
        this.inventoryKeyField = inventoryKeyField;
        this.crmSecondaryKeyField = crmSecondaryKeyField;
        this.inventorySecondaryKeyField = inventorySecondaryKeyField;
        this.crmParentField = crmParentField;
        this.parentModule = parentModule;
        this.fields = List.copyOf(fields);

        Set<String> crm = new LinkedHashSet<>();
        crm.add(crmKeyField);
        if (crmSecondaryKeyField != null) {
            crm.add(crmSecondaryKeyField);
        }
        if (crmParentField != null) {
            crm.add(crmParentField);
        }
        this.fields.forEach(f -> crm.addAll(f.crmNames()));
        crm.add("Modified_Time"); // the pull cursor and LATEST_WINS compare on it
        this.crmFields = List.copyOf(crm);

        Set<String> inventory = new LinkedHashSet<>();
        inventory.add(inventoryKeyField);
        if (inventorySecondaryKeyField != null) {
            inventory.add(inventorySecondaryKeyField);
        }
        this.fields.stream().filter(f -> f.inventory != null).forEach(f -> inventory.add(f.inventory));
        inventory.add("last_modified_time");
        this.inventoryFields = List.copyOf(inventory);
    }

    /** The record mapping's name in its file: account, person, individual, vendor, product. */
    public String name() {
        return name;
    }

    /**
     * A {@code <lookup>} the pull follows: the CRM field holding the other record ({@code {"id","name"}}),
     * and the module whose bindings give its Inventory id.
     */
    public record Lookup(String crmField, String module, FieldMapping field) {

        /** A failure of this field, naming the file, line and field as a mapping error does. */
        public MappingException error(String reason) {
            return field.error(true, reason);
        }
    }

    /** The lookups the pull follows, in file order. */
    public List<Lookup> pullLookups() {
        return fields.stream().filter(f -> f.lookupModule != null && f.direction.pulls() && f.crm != null)
                .map(f -> new Lookup(f.crm, f.lookupModule, f)).toList();
    }

    /** The CRM module API name, e.g. Accounts. */
    public String crmModule() {
        return crmModule;
    }

    /** The Inventory entity: contact, contact_person or item. */
    public String inventoryEntity() {
        return inventoryEntity;
    }

    /** The file this mapping was loaded from. */
    public Path file() {
        return file;
    }

    /** The line of its {@code <record>} element. */
    public int line() {
        return line;
    }

    public String crmKeyField() {
        return crmKeyField;
    }

    public String inventoryKeyField() {
        return inventoryKeyField;
    }

    public Optional<String> crmSecondaryKeyField() {
        return Optional.ofNullable(crmSecondaryKeyField);
    }

    public Optional<String> inventorySecondaryKeyField() {
        return Optional.ofNullable(inventorySecondaryKeyField);
    }

    /** The CRM lookup naming the parent record (a contact's Account_Name), when the file declares one. */
    public Optional<String> crmParentField() {
        return Optional.ofNullable(crmParentField);
    }

    /** The module of the parent record (accounts for a contact), when the file declares one. */
    public Optional<String> parentModule() {
        return Optional.ofNullable(parentModule);
    }

    /**
     * Every CRM field this mapping reads or writes, for the CRM {@code fields} parameter: key,
     * secondary key, parent, each field (concat parts included) in file order, then Modified_Time.
     * No duplicates.
     */
    public List<String> crmFields() {
        return crmFields;
    }

    /**
     * Every Inventory field this mapping reads or writes (dotted paths as written in the file):
     * key, secondary key, each field in file order, then last_modified_time. No duplicates.
     */
    public List<String> inventoryFields() {
        return inventoryFields;
    }

    /**
     * The Inventory record (or the part of it this mapping owns) for a CRM record: pull and both
     * fields only; dotted paths become nested maps; onlyOnCreate fields only when creating.
     *
     * @throws MappingException naming the field when a value cannot be transformed
     */
    public Map<String, Object> toInventory(Map<String, Object> crmRecord, MappingContext ctx, boolean creating) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldMapping f : fields) {
            if (f.direction.pulls() && (creating || !f.onlyOnCreate)) {
                f.pull(crmRecord, out, ctx);
            }
        }
        return out;
    }

    /**
     * The CRM record for an Inventory record: push and both fields only, lookups as
     * {@code {"id": crmId}}; onlyOnCreate fields only when creating.
     *
     * @throws MappingException naming the field when a value cannot be transformed
     */
    public Map<String, Object> toCrm(Map<String, Object> inventoryRecord, MappingContext ctx, boolean creating) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldMapping f : fields) {
            if (f.direction.pushes() && (creating || !f.onlyOnCreate)) {
                f.push(inventoryRecord, out, ctx);
            }
        }
        return out;
    }

    /**
     * SHA-256 (lower-case hex) of the canonical JSON of the values, so that values that mean the
     * same give the same fingerprint whichever side or map they came from:
     * <ul>
     *   <li>map keys are sorted, at every depth; list order counts;</li>
     *   <li>a key whose value is null or the empty string is left out: null, "" and absent are
     *       the same (CRM says null where Inventory says "");</li>
     *   <li>numbers are compared by value: 10, 10L, 10.0 and BigDecimal("10.00") are equal;</li>
     *   <li>strings are never numbers: "10" differs from 10 (a SKU "007" is not 7);</li>
     *   <li>anything else (dates, enums) counts as its toString().</li>
     * </ul>
     */
    public static String fingerprint(Map<String, Object> values) {
        StringBuilder json = new StringBuilder();
        writeCanonical(normalise(values), json);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(json.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The canonical JSON the fingerprint hashes; visible for tests and for debugging a mismatch. */
    static String canonicalJson(Map<String, Object> values) {
        StringBuilder json = new StringBuilder();
        writeCanonical(normalise(values), json);
        return json.toString();
    }

    private static Object normalise(Object value) {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> {
                Object n = normalise(v);
                if (n != null) {
                    sorted.put(String.valueOf(k), n);
                }
            });
            return sorted;
        }
        if (value instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>();
            c.forEach(v -> list.add(normalise(v)));
            return list;
        }
        if (value instanceof Object[] a) {
            return normalise(List.of(a));
        }
        if (value instanceof Number n) {
            BigDecimal d = decimal(n);
            return d == null ? n.toString() : d;
        }
        if (value instanceof Boolean || value instanceof String) {
            return value;
        }
        return value.toString();
    }

    private static BigDecimal decimal(Number n) {
        BigDecimal d;
        if (n instanceof BigDecimal b) {
            d = b;
        } else if (n instanceof BigInteger b) {
            d = new BigDecimal(b);
        } else if (n instanceof Double || n instanceof Float) {
            double x = n.doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                return null;
            }
            d = new BigDecimal(n.toString()); // 0.1 stays 0.1, not its binary expansion
        } else {
            d = BigDecimal.valueOf(n.longValue());
        }
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    @SuppressWarnings("unchecked")
    private static void writeCanonical(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(e.getKey(), out);
                out.append(':');
                writeCanonical(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeCanonical(l.get(i), out);
            }
            out.append(']');
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else {
            writeString(value.toString(), out);
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
    }

    @Override
    public String toString() {
        return "RecordMapping[" + name + ": " + crmModule + " <-> " + inventoryEntity + "]";
    }
}
