package io.crminventorysync.web;

import io.crminventorysync.sync.SyncModule;
import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.SyncTestSupport;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who gets in: /api, Hawtio and Jolokia need the operator login; health and the sandbox stay open.
 * A plain JDK client (no redirects followed, no cookies kept unless the test keeps them) shows the
 * answers exactly as a tool or a browser gets them.
 */
@Tag("sql")
class SecurityTest extends SyncTestSupport {

    @LocalServerPort int port;
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> call(String method, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(HttpResponse<String> r) {
        // tools get 401 (Basic); a browser asking for HTML is sent to the login form; a change
        // without credentials has no CSRF token either and is stopped there first (403)
        boolean toLogin = r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").endsWith("/login");
        assertThat(r.statusCode() == 401 || r.statusCode() == 403 || toLogin).as("refused: %s %s", r.statusCode(), r.uri()).isTrue();
    }

    @Test
    void apiHawtioAndJolokiaRefuseCallsWithoutOrWithWrongCredentials() throws Exception {
        Map<String, String> none = Map.of();
        refused(call("GET", "/api/modules", none, null));
        refused(call("POST", "/api/modules/vendors/sync", none, null));
        refused(call("PUT", "/api/settings/transactions", Map.of("Content-Type", "application/json"), "{\"enabled\":true}"));
        refused(call("GET", "/actuator/hawtio/", none, null));
        refused(call("GET", "/actuator/hawtio/", Map.of("Accept", "text/html"), null));
        refused(call("GET", "/actuator/jolokia/version", none, null));
        refused(call("POST", "/actuator/jolokia", Map.of("Content-Type", "application/json"), "{\"type\":\"version\"}"));
        String user = properties.getSecurity().getUsername();
        refused(call("GET", "/api/modules", Map.of("Authorization", basic(user, "wrong")), null));
        assertThat(runs.history(SyncModule.VENDORS, 50)).isEmpty();
        assertThat(settings.get(SyncModule.VENDORS).paused()).isFalse();

        Map<String, String> login = Map.of("Authorization", basic(user, properties.getSecurity().getPassword()));
        assertThat(call("GET", "/api/modules", login, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/jolokia/version", login, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/hawtio/", login, null).statusCode()).isEqualTo(200);
    }

    @Test
    void healthInfoAndTheSandboxStayOpenAndAnswersCarryNoSecret() throws Exception {
        HttpResponse<String> health = call("GET", "/actuator/health", Map.of(), null);
        // 503 only while a component (Camel) is still starting: either way the answer is the health, not a login
        assertThat(health.statusCode()).isIn(200, 503);
        assertThat(health.body()).contains("\"status\"");
        assertThat(call("GET", "/actuator/info", Map.of(), null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/sandbox/_admin/demo", Map.of(), null).statusCode()).isEqualTo(200);

        String modules = api().getForEntity("/api/modules", String.class).getBody();
        assertThat(modules).doesNotContain(properties.getAuth().getClientSecret(), properties.getAuth().getRefreshToken(),
                properties.getSecurity().getPassword());
    }

    @Test
    void aBrowserSessionMustSendTheCsrfTokenToChangeAnything() throws Exception {
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> page = keep(cookies, call("GET", "/login", Map.of(), null));
        Matcher token = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();

        String form = "username=" + enc(properties.getSecurity().getUsername()) + "&password="
                + enc(properties.getSecurity().getPassword()) + "&_csrf=" + enc(token.group(1));
        HttpResponse<String> login = keep(cookies, call("POST", "/login",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookieHeader(cookies)), form));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

        HttpResponse<String> read = keep(cookies, call("GET", "/api/modules", Map.of("Cookie", cookieHeader(cookies)), null));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(cookies).containsKey("XSRF-TOKEN");

        HttpResponse<String> forged = call("POST", "/api/modules/vendors/pause", Map.of("Cookie", cookieHeader(cookies)), null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(settings.get(SyncModule.VENDORS).paused()).isFalse();

        HttpResponse<String> paused = call("POST", "/api/modules/vendors/pause",
                Map.of("Cookie", cookieHeader(cookies), "X-XSRF-TOKEN", cookies.get("XSRF-TOKEN")), null);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(settings.get(SyncModule.VENDORS).paused()).isTrue();
    }

    private static HttpResponse<String> keep(Map<String, String> cookies, HttpResponse<String> r) {
        for (String header : r.headers().allValues("Set-Cookie")) {
            for (HttpCookie c : HttpCookie.parse(header)) {
                cookies.put(c.getName(), c.getValue());
            }
        }
        return r;
    }

    private static String cookieHeader(Map<String, String> cookies) {
        return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
