package io.crminventorysync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP client for security tests: no redirects followed, and cookies kept only as a
 * browser keeps them (each instance is one browser; an API client simply never logs in with the
 * form). Answers are exactly what a tool or a browser gets.
 */
public final class RawHttp {

    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<String> setCookieHeaders = new ArrayList<>();

    public RawHttp(int port) {
        this.port = port;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public String origin() {
        return "http://localhost:" + port;
    }

    /** Sends with the kept cookies (if any) and the given header name/value pairs; keeps the cookies set. */
    public HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : r.headers().allValues("Set-Cookie")) {
                setCookieHeaders.add(header);
                for (HttpCookie c : HttpCookie.parse(header)) {
                    if (c.getMaxAge() == 0) {
                        cookies.remove(c.getName());
                    } else {
                        cookies.put(c.getName(), c.getValue());
                    }
                }
            }
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Logs in through the login form as a browser does (page, CSRF token, POST); returns the POST's answer. */
    public HttpResponse<String> loginWithForm(String user, String password, String... headers) {
        HttpResponse<String> page = send("GET", "/login", null);
        Matcher token = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as("login page with a CSRF token: %s", page.body()).isTrue();
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/x-www-form-urlencoded";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", "/login", form, all);
    }

    /** The XSRF-TOKEN cookie a page script sends back as X-XSRF-TOKEN (fetched with a GET first when missing). */
    public String xsrf() {
        if (!cookies.containsKey("XSRF-TOKEN")) {
            send("GET", "/api/modules", null);
        }
        return cookies.get("XSRF-TOKEN");
    }

    /**
     * What the control plane says about a module ({@code GET /api/modules/<module>}, as the operator):
     * tests read state over HTTP, as an operator would, not from the stores behind it.
     */
    public com.fasterxml.jackson.databind.JsonNode module(String module, String basicLogin) {
        HttpResponse<String> r = send("GET", "/api/modules/" + module, null, "Authorization", basicLogin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    /** Every Set-Cookie header received, as sent. */
    public List<String> setCookieHeaders() {
        return setCookieHeaders;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
