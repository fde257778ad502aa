package io.crminventorysync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.http.ZohoApiException.Kind;
import java.util.Set;

/** Turns an error answer of either API into a {@link ZohoApiException} of the right kind. */
public final class ZohoErrors {

    /** CRM codes meaning "the access token is dead": refresh and retry once. */
    public static final Set<String> CRM_TOKEN_CODES = Set.of("INVALID_TOKEN", "AUTHENTICATION_FAILURE");
    /** Inventory codes 14 (no or invalid auth header) and 57 (not authorized: dead token). */
    public static final Set<String> INVENTORY_TOKEN_CODES = Set.of("14", "57");
    /** Inventory's daily call budget is spent; waiting inside a call cannot help. */
    public static final String INVENTORY_DAILY_LIMIT = "45";

    private static final int MAX_TEXT = 300;

    private ZohoErrors() {
    }

    /** Zoho's code in the body: CRM's string, Inventory's number as text; null when there is none. */
    public static String code(ObjectMapper mapper, String body) {
        JsonNode root = tree(mapper, body);
        if (root == null) {
            return null;
        }
        JsonNode code = root.get("code");
        if (code == null || code.isNull()) {
            return null;
        }
        return code.asText();
    }

    /** Zoho's message in the body (redacted: upstream text may echo a token); null when there is none. */
    public static String message(ObjectMapper mapper, String body) {
        JsonNode root = tree(mapper, body);
        JsonNode message = root == null ? null : root.get("message");
        return message == null || message.isNull() ? null : Redaction.redact(message.asText());
    }

    public static boolean isExpiredToken(ZohoApi api, int status, String code) {
        if (status != 401) {
            return false;
        }
        return switch (api) {
            case CRM -> code == null || CRM_TOKEN_CODES.contains(code);
            case INVENTORY -> code == null || INVENTORY_TOKEN_CODES.contains(code);
            case OAUTH -> false;
        };
    }

    /**
     * The error an answer stands for. Zoho's text is copied into the exception, whose constructor
     * redacts anything token-shaped ({@link Redaction}); a raw body is cut to a one-line snippet first.
     */
    public static ZohoApiException decode(ZohoApi api, ObjectMapper mapper, String context, int status, String body) {
        JsonNode root = tree(mapper, body);
        return api == ZohoApi.INVENTORY ? inventory(context, status, root, body) : crm(context, status, root, body);
    }

    /** A CRM error item: {"code":"INVALID_DATA","details":{"api_name":..},"message":..,"status":"error"}. */
    public static ZohoApiException crmItem(String context, int status, JsonNode item) {
        String code = text(item.get("code"));
        String message = text(item.get("message"));
        JsonNode details = item.get("details");
        String field = null;
        if (details != null) {
            field = text(details.get("api_name"));
            if (field == null) {
                field = text(details.get("param_name"));
            }
        }
        return new ZohoApiException(crmKind(status, code), ZohoApi.CRM, context, status, code, message, field);
    }

    private static ZohoApiException crm(String context, int status, JsonNode root, String body) {
        if (root != null && root.has("data") && root.get("data").isArray() && !root.get("data").isEmpty()
                && !root.has("code")) {
            // A write whose every record failed answers 400 with per-record items; the first names the cause.
            return crmItem(context, status, root.get("data").get(0));
        }
        if (root != null && root.has("code")) {
            return crmItem(context, status, root);
        }
        return new ZohoApiException(byStatus(status), ZohoApi.CRM, context, status, null, snippet(body), null);
    }

    private static ZohoApiException inventory(String context, int status, JsonNode root, String body) {
        if (root != null && root.has("code")) {
            String code = root.get("code").asText();
            String message = text(root.get("message"));
            return new ZohoApiException(inventoryKind(status, code), ZohoApi.INVENTORY, context, status, code,
                    message, null);
        }
        return new ZohoApiException(byStatus(status), ZohoApi.INVENTORY, context, status, null, snippet(body), null);
    }

    static Kind crmKind(int status, String code) {
        if (code == null) {
            return byStatus(status);
        }
        return switch (code) {
            case "INVALID_TOKEN", "AUTHENTICATION_FAILURE", "OAUTH_SCOPE_MISMATCH" -> Kind.UNAUTHORIZED;
            case "NO_PERMISSION", "AUTHORIZATION_FAILED" -> Kind.NO_PERMISSION;
            case "TOO_MANY_REQUESTS", "RATE_LIMIT_EXCEEDED" -> Kind.RATE_LIMITED;
            case "INVALID_DATA" -> status == 404 ? Kind.NOT_FOUND : Kind.INVALID_DATA;
            case "INVALID_URL_PATTERN", "INVALID_MODULE", "RECORD_NOT_FOUND" -> Kind.NOT_FOUND;
            case "DUPLICATE_DATA" -> Kind.DUPLICATE;
            case "MANDATORY_NOT_FOUND", "REQUIRED_PARAM_MISSING", "DEPENDENT_FIELD_MISSING" -> Kind.MANDATORY_MISSING;
            case "LIMIT_EXCEEDED", "LIMIT_REACHED", "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                    "PAGINATION_LIMIT_EXCEEDED" -> Kind.LIMIT_EXCEEDED;
            case "INTERNAL_ERROR" -> Kind.SERVER;
            case "AMBIGUITY_DURING_PROCESSING", "TOKEN_BOUND_DATA_MISMATCH", "EXPIRED_VALUE",
                    "INVALID_REQUEST_METHOD", "INVALID_REQUEST" -> Kind.INVALID_REQUEST;
            default -> status >= 500 || status == 401 || status == 403 || status == 404 || status == 429
                    ? byStatus(status) : Kind.INVALID_DATA;
        };
    }

    static Kind inventoryKind(int status, String code) {
        return switch (code) {
            case "14", "57" -> Kind.UNAUTHORIZED;
            case "1002" -> Kind.NOT_FOUND;
            case "3062" -> Kind.DUPLICATE;
            case "45" -> Kind.LIMIT_EXCEEDED;
            case "1038" -> Kind.INVALID_REQUEST;
            default -> status == 400 || status == 200 || status == 201 ? Kind.INVALID_DATA : byStatus(status);
        };
    }

    static Kind byStatus(int status) {
        if (status == 401) {
            return Kind.UNAUTHORIZED;
        }
        if (status == 403) {
            return Kind.NO_PERMISSION;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        if (status >= 500) {
            return Kind.SERVER;
        }
        return status == 400 ? Kind.INVALID_DATA : Kind.INVALID_REQUEST;
    }

    private static JsonNode tree(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode n = mapper.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String oneLine = Redaction.redact(body.replaceAll("\\s+", " ").trim());
        return oneLine.length() > MAX_TEXT ? oneLine.substring(0, MAX_TEXT) + "..." : oneLine;
    }
}
