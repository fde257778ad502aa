package io.crminventorysync.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Zoho CRM search criteria: {@code ((Field:op:value)and(Field:op:value))}, with ( ) , escaped by a
 * backslash inside values. Custom views keep their filter in the same syntax.
 *
 * <p>In search, {@code equals} on text matches like "contains" (as the reference documents), so a
 * client that relies on exact matches must check the results itself - as it must against Zoho. A
 * custom view's "is" condition matches exactly.
 */
final class Criteria {

    static final Set<String> OPERATORS = Set.of("equals", "not_equal", "starts_with", "in", "greater_than",
            "greater_equal", "less_than", "less_equal", "between");

    /** A refusal while parsing, with the detail Zoho's INVALID_QUERY carries. */
    static final class Invalid extends RuntimeException {
        final String field;
        final String operator;

        Invalid(String reason, String field, String operator) {
            super(reason);
            this.field = field;
            this.operator = operator;
        }
    }

    /** Zoho allows at most ten conditions in one criteria. */
    static final int MAX_CONDITIONS = 10;

    /** More than {@link #MAX_CONDITIONS} conditions. */
    static final class TooManyConditions extends RuntimeException {
        TooManyConditions() {
            super("more than " + MAX_CONDITIONS + " conditions");
        }
    }

    interface Node {
        boolean test(Function<String, Object> valueOf);
    }

    record Condition(String field, String operator, List<String> values, boolean exactEquals) implements Node {
        @Override
        public boolean test(Function<String, Object> valueOf) {
            Object actual = valueOf.apply(field);
            return switch (operator) {
                case "equals" -> equalsMatch(actual, values.get(0), exactEquals);
                case "not_equal" -> !equalsMatch(actual, values.get(0), true);
                case "starts_with" -> actual != null
                        && lower(actual).startsWith(values.get(0).toLowerCase(Locale.ROOT));
                case "in" -> values.stream().anyMatch(v -> equalsMatch(actual, v, true));
                case "greater_than" -> compare(actual, values.get(0)) > 0;
                case "greater_equal" -> compare(actual, values.get(0)) >= 0;
                case "less_than" -> actual != null && compare(actual, values.get(0)) < 0;
                case "less_equal" -> actual != null && compare(actual, values.get(0)) <= 0;
                default -> values.size() == 2 && compare(actual, values.get(0)) >= 0
                        && actual != null && compare(actual, values.get(1)) <= 0;
            };
        }
    }

    record Junction(List<Node> parts, List<String> joins) implements Node {
        @Override
        public boolean test(Function<String, Object> valueOf) {
            boolean result = parts.get(0).test(valueOf);
            for (int i = 1; i < parts.size(); i++) {
                boolean next = parts.get(i).test(valueOf);
                result = "and".equals(joins.get(i - 1)) ? result && next : result || next;
            }
            return result;
        }
    }

    private final String text;
    private final boolean exactEquals;
    private int pos;
    private int conditions;

    private Criteria(String text, boolean exactEquals) {
        this.text = text;
        this.exactEquals = exactEquals;
    }

    /** Parses search criteria ({@code equals} matches like contains on text). */
    static Node parseSearch(String text) {
        return parse(text, false);
    }

    /** Parses a custom view's filter ({@code equals} matches exactly). */
    static Node parseView(String text) {
        return parse(text, true);
    }

    private static Node parse(String text, boolean exactEquals) {
        if (text == null || text.isBlank()) {
            throw new Invalid("criteria is empty", null, null);
        }
        Criteria c = new Criteria(text.trim(), exactEquals);
        Node node = c.expression();
        if (c.pos != c.text.length()) {
            throw new Invalid("unexpected text after the criteria at position " + c.pos, null, null);
        }
        if (c.conditions > MAX_CONDITIONS) {
            throw new TooManyConditions();
        }
        return node;
    }

    private Node expression() {
        List<Node> parts = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        parts.add(group());
        while (pos < text.length()) {
            String rest = text.substring(pos).toLowerCase(Locale.ROOT);
            if (rest.startsWith("and(")) {
                joins.add("and");
                pos += 3;
            } else if (rest.startsWith("or(")) {
                joins.add("or");
                pos += 2;
            } else {
                break;
            }
            parts.add(group());
        }
        return parts.size() == 1 ? parts.get(0) : new Junction(parts, joins);
    }

    private Node group() {
        expect('(');
        Node inner = pos < text.length() && text.charAt(pos) == '(' ? expression() : condition();
        expect(')');
        return inner;
    }

    private Node condition() {
        int fieldEnd = text.indexOf(':', pos);
        if (fieldEnd < 0) {
            throw new Invalid("a condition needs field:operator:value", null, null);
        }
        String field = text.substring(pos, fieldEnd).trim();
        int opEnd = text.indexOf(':', fieldEnd + 1);
        if (opEnd < 0) {
            throw new Invalid("a condition needs field:operator:value", field, null);
        }
        String operator = text.substring(fieldEnd + 1, opEnd).trim();
        if (field.isEmpty() || !field.matches("[A-Za-z][A-Za-z0-9_.$]*")) {
            throw new Invalid("invalid field name", field, operator);
        }
        if (!OPERATORS.contains(operator)) {
            throw new Invalid("invalid operator found", field, operator);
        }
        pos = opEnd + 1;
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != ')') {
            char ch = text.charAt(pos);
            if (ch == '\\' && pos + 1 < text.length()) {
                current.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (ch == ',' && ("in".equals(operator) || "between".equals(operator))) {
                values.add(current.toString());
                current.setLength(0);
            } else if (ch == '(' || ch == ',') {
                throw new Invalid("unescaped '" + ch + "' in the value", field, operator);
            } else {
                current.append(ch);
            }
            pos++;
        }
        values.add(current.toString());
        if ("between".equals(operator) && values.size() != 2) {
            throw new Invalid("between needs two values", field, operator);
        }
        if ("in".equals(operator) && values.size() > 100) {
            throw new Invalid("in accepts at most 100 values", field, operator);
        }
        conditions++;
        return new Condition(field, operator, values, exactEquals);
    }

    private void expect(char ch) {
        if (pos >= text.length() || text.charAt(pos) != ch) {
            throw new Invalid("expected '" + ch + "' at position " + pos, null, null);
        }
        pos++;
    }

    private static String lower(Object v) {
        return v.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean equalsMatch(Object actual, String expected, boolean exact) {
        if (actual == null) {
            return expected.isEmpty() || "null".equalsIgnoreCase(expected);
        }
        if (actual instanceof Number || actual instanceof Instant) {
            return compare(actual, expected) == 0;
        }
        if (actual instanceof Boolean b) {
            return b.toString().equalsIgnoreCase(expected.trim());
        }
        String a = lower(actual);
        String e = expected.toLowerCase(Locale.ROOT);
        return exact ? a.equals(e) : a.contains(e);
    }

    /** Numbers as numbers, times as times, the rest as case-insensitive text; null sorts first. */
    private static int compare(Object actual, String expected) {
        if (actual == null) {
            return -1;
        }
        if (actual instanceof Instant t) {
            Long e = SandboxClock.parse(expected);
            return e == null ? -1 : Long.compare(t.getEpochSecond(), e / 1000);
        }
        if (actual instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).compareTo(new BigDecimal(expected.trim()));
            } catch (NumberFormatException notNumber) {
                return lower(n).compareTo(expected.toLowerCase(Locale.ROOT));
            }
        }
        return lower(actual).compareTo(expected.toLowerCase(Locale.ROOT));
    }
}
