package io.crminventorysync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refusal in Zoho Inventory's shape: HTTP status plus {"code":<non-zero int>,"message"}. */
class InventoryError extends RuntimeException {

    final int status;
    final int code;

    InventoryError(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static InventoryError invalidValue(String field) {
        return new InventoryError(400, 4, "Invalid value passed for " + field);
    }

    static InventoryError notFound(String what) {
        return new InventoryError(404, 1002, what + " does not exist.");
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", getMessage());
        return body;
    }
}
