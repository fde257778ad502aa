package io.crminventorysync.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.sync.ControlRefusedException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * The one shape of every error answer of /api (and of the security refusals in front of it):
 * {@code {"error": "what went wrong", "field": "the field at fault or null", "reason": "A_CODE"}}.
 * A client branches on {@code reason}; {@code error} is for people.
 */
public final class ApiErrorBody {

    // 400
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String INVALID_VALUE = "INVALID_VALUE";
    // 401, 429
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String LOGIN_THROTTLED = "LOGIN_THROTTLED";
    // 403
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String CSRF = "CSRF";
    public static final String CROSS_SITE = "CROSS_SITE";
    // 404, 405, 413, 415
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String TOO_LARGE = "TOO_LARGE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    // 409 (with RunRefusedException's PAUSED and IN_PROGRESS, and ControlRefusedException's reasons)
    public static final String NOT_PAUSABLE = ControlRefusedException.Reason.NOT_PAUSABLE.name();
    public static final String TRANSACTION_MODULES_ENABLED = ControlRefusedException.Reason.TRANSACTION_MODULES_ENABLED.name();
    public static final String MODULES_PAUSED = ControlRefusedException.Reason.MODULES_PAUSED.name();
    public static final String NOT_OPEN = ControlRefusedException.Reason.NOT_OPEN.name();

    /** The realm named in {@code WWW-Authenticate} on every 401. */
    public static final String REALM = "crm-inventory-sync";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiErrorBody() {
    }

    /** The body; {@code field} and {@code reason} are always present, null when they do not apply. */
    public static Map<String, Object> of(String error, String field, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("field", field);
        body.put("reason", reason);
        return body;
    }

    /** Writes the body as the whole answer (filters and security handlers, where no controller runs). */
    public static void write(HttpServletResponse response, int status, String error, String field, String reason)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), of(error, field, reason));
    }

    /** 401 with the challenge API clients (curl, Prometheus) expect. */
    public static void unauthenticated(HttpServletResponse response, String error) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        write(response, 401, error, null, UNAUTHENTICATED);
    }
}
