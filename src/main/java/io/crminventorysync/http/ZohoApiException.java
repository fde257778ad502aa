package io.crminventorysync.http;

/**
 * A failed Zoho call, classified so that callers can decide without parsing messages: a record the
 * other side rejects ({@link Kind#INVALID_DATA}, {@link Kind#DUPLICATE}, ...) is recorded against that
 * record, while {@link Kind#CREDENTIALS} or {@link Kind#UNAUTHORIZED} stop a run.
 *
 * <p>The message never contains a token, a client secret or a refresh token: it is built only from
 * the request line and Zoho's error code and message, and whatever upstream text it carries passes
 * through {@link Redaction} first (an upstream that echoes our request must not leak a token).
 */
public class ZohoApiException extends RuntimeException {

    public enum Kind {
        /** The refresh token or the OAuth client was refused; a person has to fix the settings. */
        CREDENTIALS,
        /** The API refused the access token even after a refresh, or refreshing was stopped by the guard. */
        UNAUTHORIZED,
        /** The token lacks a permission or scope for this operation. */
        NO_PERMISSION,
        /** Too many calls, and waiting longer inside this call is not sensible. */
        RATE_LIMITED,
        NOT_FOUND,
        INVALID_DATA,
        DUPLICATE,
        MANDATORY_MISSING,
        /** A documented hard limit: fields per call, pagination depth. */
        LIMIT_EXCEEDED,
        /**
         * A daily budget is spent: Inventory's calls a day (ours, sync.inventory.daily-limit, or its own
         * refusal) or CRM's API credits down to sync.crm.credit-reserve. The run stops cleanly (PARTIAL).
         */
        DAILY_LIMIT,
        /** A request the API rejects for its shape (ambiguous or expired parameters, bad method). */
        INVALID_REQUEST,
        /** A 5xx answer that persisted through the retries. */
        SERVER,
        /** No usable answer: connection refused, timeout, unreadable body. */
        TRANSPORT,
        /** An answer larger than {@code sync.http.max-response-size}; not read, not retried. */
        TOO_LARGE,
        /** The calling thread was interrupted (the run was cancelled) while waiting or calling. */
        CANCELLED
    }

    private final Kind kind;
    private final ZohoApi api;
    private final int httpStatus;
    private final String zohoCode;
    private final String zohoMessage;
    private final String field;

    public ZohoApiException(Kind kind, ZohoApi api, String context, int httpStatus, String zohoCode,
                            String zohoMessage, String field, Throwable cause) {
        super(Redaction.redact(describe(api, context, httpStatus, zohoCode, zohoMessage, field)), cause);
        this.kind = kind;
        this.api = api;
        this.httpStatus = httpStatus;
        this.zohoCode = Redaction.redact(zohoCode);
        this.zohoMessage = Redaction.redact(zohoMessage);
        this.field = Redaction.redact(field);
    }

    public ZohoApiException(Kind kind, ZohoApi api, String context, int httpStatus, String zohoCode,
                            String zohoMessage, String field) {
        this(kind, api, context, httpStatus, zohoCode, zohoMessage, field, null);
    }

    private static String describe(ZohoApi api, String context, int status, String code, String message,
                                   String field) {
        StringBuilder sb = new StringBuilder(api.displayName());
        if (context != null && !context.isBlank()) {
            sb.append(' ').append(context);
        }
        sb.append(':');
        if (status > 0) {
            sb.append(" HTTP ").append(status);
        }
        if (code != null) {
            sb.append(" code ").append(code);
        }
        if (message != null && !message.isBlank()) {
            sb.append(status > 0 || code != null ? ": " : " ").append(message);
        }
        if (field != null) {
            sb.append(" (field ").append(field).append(')');
        }
        return sb.toString();
    }

    public Kind kind() {
        return kind;
    }

    public ZohoApi api() {
        return api;
    }

    /** The HTTP status, or 0 when no answer was received. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Zoho's code: CRM's upper-snake code (INVALID_DATA) or Inventory's number as text (3062); may be null. */
    public String zohoCode() {
        return zohoCode;
    }

    public String zohoMessage() {
        return zohoMessage;
    }

    /** The API name of the field at fault when Zoho names one (CRM details.api_name / param_name). */
    public String field() {
        return field;
    }

    /** Worth trying again later without changing anything (not the record's fault, not the settings'). */
    public boolean isTransient() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER || kind == Kind.TRANSPORT;
    }
}
