package io.crminventorysync.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One API call as the clients describe it to {@link ZohoHttp}: which API (for pacing, auth-error
 * detection and metrics), the metric {@code kind}, method, URL, optional JSON body and extra headers.
 * The Authorization header is never part of it; {@link ZohoHttp} adds it on the wire.
 */
public final class ZohoRequest {

    private final ZohoApi api;
    private final String kind;
    private final String method;
    private final URI uri;
    private final String path;
    private final String jsonBody;
    private final Map<String, String> headers;
    private final boolean idempotent;
    private final String rateKey;

    private ZohoRequest(Builder b) {
        this.api = Objects.requireNonNull(b.api);
        this.kind = Objects.requireNonNull(b.kind);
        this.method = b.method;
        this.path = b.path;
        this.uri = URI.create(b.baseUrl + b.path + query(b.params));
        this.jsonBody = b.jsonBody;
        this.headers = Map.copyOf(b.headers);
        this.idempotent = b.idempotent;
        this.rateKey = b.rateKey;
    }

    private static String query(List<String[]> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        for (String[] p : params) {
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(encode(p[0])).append('=').append(encode(p[1]));
        }
        return sb.toString();
    }

    /** URL-encodes a query value; spaces as %20 because not every server reads '+' as a space. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static Builder builder(ZohoApi api, String kind, String method, String baseUrl, String path) {
        return new Builder(api, kind, method, baseUrl, path);
    }

    public ZohoApi api() { return api; }
    public String kind() { return kind; }
    public String method() { return method; }
    public URI uri() { return uri; }
    public String jsonBody() { return jsonBody; }
    public Map<String, String> headers() { return headers; }
    public boolean idempotent() { return idempotent; }
    public String rateKey() { return rateKey; }

    /** "GET /Accounts": the request line without host or query, for messages and logs. */
    public String context() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return api.tag() + " " + method + " " + uri;
    }

    public static final class Builder {
        private final ZohoApi api;
        private final String kind;
        private final String method;
        private final String baseUrl;
        private final String path;
        private final List<String[]> params = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String jsonBody;
        private boolean idempotent;
        private String rateKey;

        private Builder(ZohoApi api, String kind, String method, String baseUrl, String path) {
            this.api = api;
            this.kind = kind;
            this.method = method;
            this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            this.path = path.startsWith("/") ? path : "/" + path;
            this.idempotent = !"POST".equals(method);
        }

        /** Adds a query parameter; null values are left out. */
        public Builder param(String name, Object value) {
            if (value != null) {
                params.add(new String[] {name, value.toString()});
            }
            return this;
        }

        public Builder header(String name, String value) {
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        public Builder json(String body) {
            this.jsonBody = body;
            return this;
        }

        /**
         * Whether repeating the call after a timeout cannot do harm. POSTs default to no: a create
         * whose answer was lost may have happened, and a blind retry would create it twice.
         */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** The key the Inventory budget is kept under: the organization id. */
        public Builder rateKey(String rateKey) {
            this.rateKey = rateKey;
            return this;
        }

        public ZohoRequest build() {
            return new ZohoRequest(this);
        }
    }
}
