package io.crminventorysync.auth;

import io.crminventorysync.http.ZohoApi;
import io.crminventorysync.http.ZohoApiException;

/**
 * Zoho accounts refused the refresh token or the OAuth client ({@code invalid_code},
 * {@code invalid_client}). Retrying cannot help: someone has to create a new refresh token or fix
 * {@code sync.auth.*}. The message says which and never contains a secret.
 */
public class ZohoCredentialsException extends ZohoApiException {

    public ZohoCredentialsException(int httpStatus, String error, String explanation) {
        super(Kind.CREDENTIALS, ZohoApi.OAUTH, null, httpStatus, error, explanation, null);
    }
}
