package io.crminventorysync.http;

/**
 * Where {@link ZohoHttp} gets the access token it sends. Declared here and implemented by the OAuth
 * token provider in {@code auth}, so that {@code auth} depends on {@code http} and never the reverse.
 */
public interface AccessTokenSource {

    /** A valid access token, refreshed first when needed. Never log what it returns. */
    String accessToken();

    /** The API refused {@code rejected}: forget it if it is still current, so the next call refreshes. */
    void invalidate(String rejected);
}
