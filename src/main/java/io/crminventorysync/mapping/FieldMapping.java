package io.crminventorysync.mapping;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code <field>} of a record mapping: where a value comes from, where it goes, and the
 * transforms on the way. Transforms always run in this order (the order the schema makes you
 * write them): concat, trim, one of lookup / valueMap / date / dateTime, default, truncate. Text is
 * also cut to the target field's documented length (KnownFields) when the mapping does not cut it shorter.
 *
 * <p>A source field missing from the record (not merely null) writes nothing, so a partial record
 * never blanks the other side; a constant (default without a source) is always written.
 */
final class FieldMapping {

    enum Direction {
        PULL, PUSH, BOTH;

        boolean pulls() {
            return this != PUSH;
        }

        boolean pushes() {
            return this != PULL;
        }
    }

    /** CRM date-time: 2023-10-15T10:30:00+05:30. */
    private static final DateTimeFormatter CRM_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    /** Inventory date-time: 2023-10-15T10:30:00+0530. */
    private static final DateTimeFormatter INVENTORY_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");
    /** Either side's date-time as we may receive it: offset with or without colon, or Z, optional fraction. */
    private static final DateTimeFormatter ANY_DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private static final Object ABSENT = new Object();

    Path file;
    int line;
    String crm;
    List<String> concatParts = List.of();
    String separator = " ";
    String inventory;
    Direction direction;
    boolean crmCustom;
    boolean inventoryCustom;
    boolean onlyOnCreate;
    boolean trim;
    String lookupModule;
    Map<String, String> crmToInventory;
    Map<String, String> inventoryToCrm;
    String inventoryDefault;
    String crmDefault;
    boolean date;
    boolean dateTime;
    String defaultValue;
    int truncate;
    /** The target's documented length when pulling into Inventory / pushing into CRM; 0 when none. */
    int inventoryMaxLength;
    int crmMaxLength;

    boolean isConcat() {
        return !concatParts.isEmpty();
    }

    /** The CRM fields this field reads or writes. */
    List<String> crmNames() {
        if (isConcat()) {
            return concatParts;
        }
        return crm == null ? List.of() : List.of(crm);
    }

    /** How the field reads in errors: {@code Vendor_Name -> vendor_id}. */
    String label(boolean pull) {
        String c = isConcat() ? String.join("+", concatParts) : crm == null ? "(constant)" : crm;
        String i = inventory == null ? "(constant)" : inventory;
        return pull ? c + " -> " + i : i + " -> " + c;
    }

    /** Copies this field from a CRM record into the Inventory record being built. */
    void pull(Map<String, Object> crmRecord, Map<String, Object> out, MappingContext ctx) {
        Object value;
        if (isConcat()) {
            if (concatParts.stream().noneMatch(crmRecord::containsKey)) {
                return;
            }
            List<String> parts = new ArrayList<>();
            for (String p : concatParts) {
                Object v = crmRecord.get(p);
                if (v != null && !v.toString().isBlank()) {
                    parts.add(v.toString().strip());
                }
            }
            value = parts.isEmpty() ? null : String.join(separator, parts);
        } else if (crm == null) {
            value = null;
        } else if (crmRecord.containsKey(crm)) {
            value = crmRecord.get(crm);
        } else {
            return;
        }
        if (trim) {
            value = trimmed(value);
        }
        if (lookupModule != null) {
            value = lookupPull(value, ctx);
        } else if (crmToInventory != null) {
            value = mapValue(value, crmToInventory, inventoryDefault, true);
        } else if (date) {
            value = toDate(value, true);
        } else if (dateTime) {
            value = toDateTime(value, INVENTORY_DATE_TIME, true);
        }
        value = finish(value, inventoryMaxLength);
        writeInventory(out, value);
    }

    /** Copies this field from an Inventory record into the CRM record being built. */
    void push(Map<String, Object> inventoryRecord, Map<String, Object> out, MappingContext ctx) {
        Object value;
        if (inventory == null) {
            value = null;
        } else {
            value = readInventory(inventoryRecord);
            if (value == ABSENT) {
                return;
            }
        }
        if (trim) {
            value = trimmed(value);
        }
        if (lookupModule != null) {
            value = lookupPush(value, ctx);
        } else if (inventoryToCrm != null) {
            value = mapValue(value, inventoryToCrm, crmDefault, false);
        } else if (date) {
            value = toDate(value, false);
        } else if (dateTime) {
            value = toDateTime(value, CRM_DATE_TIME, false);
        }
        out.put(crm, finish(value, crmMaxLength));
    }

    /**
     * Default, then truncate: to the mapping's {@code <truncate>} and to the target field's documented
     * length, whichever is shorter, so a text the target would refuse is cut instead.
     */
    private Object finish(Object value, int targetMaxLength) {
        if (defaultValue != null && isEmpty(value)) {
            value = defaultValue;
        }
        int limit = truncate > 0 && targetMaxLength > 0 ? Math.min(truncate, targetMaxLength)
                : Math.max(truncate, targetMaxLength);
        if (limit > 0 && value instanceof String s && s.length() > limit) {
            int end = limit;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--; // never cut a character in half
            }
            value = s.substring(0, end);
        }
        return value;
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    private static Object trimmed(Object value) {
        return value instanceof String s ? s.strip() : value;
    }

    private Object lookupPull(Object value, MappingContext ctx) {
        String crmId = null;
        String name = null;
        if (value instanceof Map<?, ?> m) {
            crmId = m.get("id") == null ? null : m.get("id").toString();
            name = m.get("name") == null ? null : m.get("name").toString();
        } else if (value != null) {
            crmId = value.toString();
        }
        if (crmId == null || crmId.isBlank()) {
            return null;
        }
        Optional<String> id = ctx.inventoryIdFor(lookupModule, crmId);
        if (id.isEmpty()) {
            throw error(true, "CRM record " + crmId + (name == null ? "" : " ('" + name + "')")
                    + " is not bound to an Inventory record in module " + lookupModule
                    + "; sync " + lookupModule + " first");
        }
        return id.get();
    }

    private Object lookupPush(Object value, MappingContext ctx) {
        if (isEmpty(value)) {
            return null;
        }
        String inventoryId = value.toString();
        Optional<String> id = ctx.crmIdFor(lookupModule, inventoryId);
        if (id.isEmpty()) {
            throw error(false, "Inventory record " + inventoryId
                    + " is not bound to a CRM record in module " + lookupModule + "; sync " + lookupModule + " first");
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", id.get());
        return ref;
    }

    private Object mapValue(Object value, Map<String, String> map, String fallback, boolean pull) {
        if (isEmpty(value)) {
            return fallback;
        }
        String mapped = map.get(value.toString());
        if (mapped != null) {
            return mapped;
        }
        if (fallback != null) {
            return fallback;
        }
        throw error(pull, "value '" + value + "' is not in the value map " + map.keySet()
                + " and the map has no " + (pull ? "inventoryDefault" : "crmDefault"));
    }

    private Object toDate(Object value, boolean pull) {
        if (isEmpty(value)) {
            return null;
        }
        String s = value.toString().strip();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).toString();
            }
            // a date-time where a date is expected: its date in its own time zone
            return ANY_DATE_TIME.parse(s, java.time.LocalDateTime::from).toLocalDate().toString();
        } catch (DateTimeParseException e) {
            throw error(pull, "'" + s + "' is not a date (yyyy-MM-dd)");
        }
    }

    private Object toDateTime(Object value, DateTimeFormatter target, boolean pull) {
        if (isEmpty(value)) {
            return null;
        }
        String s = value.toString().strip();
        try {
            return OffsetDateTime.from(ANY_DATE_TIME.parse(s)).format(target);
        } catch (java.time.DateTimeException e) {
            throw error(pull, "'" + s + "' is not a date-time with an offset (e.g. "
                    + (pull ? "2023-10-15T10:30:00+05:30" : "2023-10-15T10:30:00+0530") + ")");
        }
    }

    MappingException error(boolean pull, String reason) {
        return new MappingException(file, line, label(pull), reason);
    }

    /** Inventory custom fields (custom="inventory") travel in the custom_fields list by api_name. */
    private boolean inventoryCustomField() {
        return inventoryCustom && !inventory.contains(".");
    }

    @SuppressWarnings("unchecked")
    private void writeInventory(Map<String, Object> out, Object value) {
        if (inventoryCustomField()) {
            List<Object> list = (List<Object>) out.computeIfAbsent("custom_fields", k -> new ArrayList<>());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("api_name", inventory);
            entry.put("value", value);
            list.add(entry);
            return;
        }
        String[] path = inventory.split("\\.");
        Object container = out;
        for (int i = 0; i < path.length; i++) {
            boolean last = i == path.length - 1;
            Object child = last ? value : isIndex(path[i + 1]) ? new ArrayList<>() : new LinkedHashMap<String, Object>();
            if (container instanceof Map<?, ?> m) {
                Map<String, Object> map = (Map<String, Object>) m;
                if (last) {
                    map.put(path[i], value);
                } else {
                    container = map.computeIfAbsent(path[i], k -> child);
                }
            } else {
                List<Object> list = (List<Object>) container;
                int index = Integer.parseInt(path[i]);
                while (list.size() <= index) {
                    list.add(null);
                }
                if (last) {
                    list.set(index, value);
                } else {
                    if (list.get(index) == null) {
                        list.set(index, child);
                    }
                    container = list.get(index);
                }
            }
        }
    }

    /** The value at the Inventory path, or ABSENT when the record does not have it. */
    private Object readInventory(Map<String, Object> record) {
        if (inventoryCustomField() && !record.containsKey(inventory)) {
            if (record.get("custom_fields") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && inventory.equals(m.get("api_name"))) {
                        return m.get("value");
                    }
                }
            }
            return ABSENT;
        }
        Object current = record;
        for (String segment : inventory.split("\\.")) {
            if (current instanceof Map<?, ?> m && m.containsKey(segment)) {
                current = m.get(segment);
            } else if (current instanceof List<?> l && isIndex(segment) && Integer.parseInt(segment) < l.size()) {
                current = l.get(Integer.parseInt(segment));
            } else {
                return ABSENT;
            }
        }
        return current;
    }

    private static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
    }
}
