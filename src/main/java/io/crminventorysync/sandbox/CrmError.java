package io.crminventorysync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** A whole-request refusal in Zoho CRM's shape: {"code","details","message","status":"error"}. */
class CrmError extends RuntimeException {

    final int status;
    final String code;
    final Map<String, Object> details;

    CrmError(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    static CrmError of(int status, String code, String message, Object... detailPairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < detailPairs.length; i += 2) {
            details.put((String) detailPairs[i], detailPairs[i + 1]);
        }
        return new CrmError(status, code, message, details);
    }

    Map<String, Object> body() {
        return body(code, details, getMessage());
    }

    static Map<String, Object> body(String code, Map<String, Object> details, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("details", details);
        body.put("message", message);
        body.put("status", "error");
        return body;
    }
}
