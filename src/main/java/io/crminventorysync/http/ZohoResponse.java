package io.crminventorysync.http;

import java.net.http.HttpHeaders;

/** A final answer (after retries): status, headers and body text. */
public record ZohoResponse(int status, HttpHeaders headers, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean hasBody() {
        return body != null && !body.isBlank();
    }
}
