package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.support.RawHttp;
import io.crminventorysync.support.SyncTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who gets in, over real HTTP as a tool or a browser sends it: API clients with HTTP Basic on a
 * stateless chain (401 for anyone without valid credentials, no session, no CSRF to trip over), and
 * browsers with the login form, a strict session cookie and CSRF on every change, whatever other
 * headers they send. Health and info stay open, their details only for the operator.
 */
@Tag("sql")
class SecurityTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    private String user;
    private String password;
    private String login;

    @BeforeEach
    void credentials() {
        user = properties.getSecurity().getUsername();
        password = properties.getSecurity().getPassword();
        login = RawHttp.basic(user, password);
    }

    private boolean paused(String module) {
        return new RawHttp(port).module(module, login).get("paused").asBoolean();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static void assertUnauthenticated(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as("%s %s", r.request().method(), r.uri()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"" + ApiErrorBody.REALM + "\"");
        JsonNode body = json(r);
        assertThat(body.has("field")).isTrue();
        assertThat(body.get("reason").asText()).isEqualTo(ApiErrorBody.UNAUTHENTICATED);
        assertThat(body.get("error").asText()).isNotBlank();
    }

    @Test
    void everyCallWithoutValidCredentialsGets401WithTheBasicChallengeWhateverTheMethod() throws Exception {
        RawHttp tool = new RawHttp(port);
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            assertUnauthenticated(tool.send(method, "/api/modules/vendors/pause", null));
            assertUnauthenticated(tool.send(method, "/api/modules/vendors/settings", "{\"direction\":\"TWO_WAY\"}",
                    "Content-Type", "application/json"));
        }
        assertUnauthenticated(tool.send("POST", "/api/modules/vendors/sync", null, "Authorization", RawHttp.basic(user, "wrong")));
        assertUnauthenticated(tool.send("POST", "/api/modules/vendors/sync", null, "Authorization", "Bearer x"));
        assertUnauthenticated(tool.send("POST", "/actuator/jolokia", "{\"type\":\"version\"}", "Content-Type", "application/json"));
        assertUnauthenticated(tool.send("GET", "/actuator/prometheus", null));
        assertUnauthenticated(tool.send("GET", "/api/no-such-endpoint", null));
        assertThat(new RawHttp(port).module("vendors", login).get("lastRun").isNull()).as("no run started").isTrue();
        assertThat(paused("vendors")).isFalse();
        assertThat(tool.setCookieHeaders()).as("an API client is never given a session").isEmpty();

        // a browser asking for Hawtio without a session is sent to the login form
        HttpResponse<String> hawtio = tool.send("GET", "/actuator/hawtio/", null, "Accept", "text/html");
        assertThat(hawtio.statusCode()).isEqualTo(302);
        assertThat(hawtio.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void anApiClientWithBasicChangesThingsWithoutASessionOrACsrfToken() throws Exception {
        RawHttp tool = new RawHttp(port);
        HttpResponse<String> paused = tool.send("POST", "/api/modules/vendors/pause", null, "Authorization", login);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused("vendors")).isTrue();
        HttpResponse<String> jolokia = tool.send("POST", "/actuator/jolokia", "{\"type\":\"version\"}",
                "Authorization", login, "Content-Type", "application/json");
        assertThat(jolokia.statusCode()).isEqualTo(200);
        assertThat(json(jolokia).get("status").asInt()).isEqualTo(200);
        assertThat(tool.setCookieHeaders()).as("stateless: no session cookie, no CSRF cookie").isEmpty();
    }

    @Test
    void healthAndInfoStayOpenWithDetailsOnlyForTheOperator() throws Exception {
        RawHttp anyone = new RawHttp(port);
        HttpResponse<String> health = anyone.send("GET", "/actuator/health", null);
        // 503 only while a component (Camel) is still starting: either way the answer is the health, not a login
        assertThat(health.statusCode()).isIn(200, 503);
        assertThat(health.body()).contains("\"status\"", "\"db\"").doesNotContain("\"details\"", "H2", "MySQL",
                "MariaDB", "\"path\"", "\"version\"");
        assertThat(anyone.send("GET", "/actuator/info", null).statusCode()).isEqualTo(200);

        HttpResponse<String> operator = anyone.send("GET", "/actuator/health", null, "Authorization", login);
        assertThat(operator.body()).contains("\"details\"", "\"database\"");

        String modules = api().getForEntity("/api/modules", String.class).getBody();
        assertThat(modules).doesNotContain(properties.getAuth().getClientSecret(), properties.getAuth().getRefreshToken(),
                properties.getSecurity().getPassword());
    }

    @Test
    void aBrowserSessionMustSendTheCsrfTokenToChangeAnything() throws Exception {
        RawHttp browser = new RawHttp(port);
        HttpResponse<String> loggedIn = browser.loginWithForm(user, password);
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

        HttpResponse<String> read = browser.send("GET", "/api/modules", null);
        assertThat(read.statusCode()).isEqualTo(200);
        String xsrf = browser.xsrf();
        assertThat(xsrf).isNotBlank();

        HttpResponse<String> forged = browser.send("POST", "/api/modules/vendors/pause", null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json(forged).get("reason").asText()).isEqualTo(ApiErrorBody.CSRF);
        assertThat(paused("vendors")).isFalse();

        HttpResponse<String> paused = browser.send("POST", "/api/modules/vendors/pause", null, "X-XSRF-TOKEN", xsrf);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused("vendors")).isTrue();
    }

    @Test
    void aStrayAuthorizationHeaderDoesNotExemptABrowserSessionFromCsrf() throws Exception {
        RawHttp browser = new RawHttp(port);
        browser.loginWithForm(user, password);
        browser.xsrf();

        HttpResponse<String> bearer = browser.send("POST", "/api/modules/vendors/pause", null, "Authorization", "Bearer x");
        assertThat(bearer.statusCode()).isEqualTo(403);
        assertThat(json(bearer).get("reason").asText()).isEqualTo(ApiErrorBody.CSRF);
        // even valid Basic credentials riding along with the session do not skip the token
        HttpResponse<String> basic = browser.send("POST", "/api/modules/vendors/pause", null, "Authorization", login);
        assertThat(basic.statusCode()).isEqualTo(403);
        HttpResponse<String> jolokia = browser.send("POST", "/actuator/jolokia", "{\"type\":\"version\"}",
                "Authorization", "Bearer x", "Content-Type", "application/json");
        assertThat(jolokia.statusCode()).isEqualTo(403);
        assertThat(paused("vendors")).isFalse();
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteStrictAndOnlyACookie() {
        RawHttp browser = new RawHttp(port);
        HttpResponse<String> loggedIn = browser.loginWithForm(user, password);
        String session = browser.setCookieHeaders().stream().filter(h -> h.startsWith("JSESSIONID=")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no session cookie in " + browser.setCookieHeaders()));
        assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(session).as("Secure only over TLS: this test talks plain HTTP").doesNotContain("Secure");
        assertThat(loggedIn.headers().firstValue("Location").orElse("")).doesNotContainIgnoringCase("jsessionid");
        browser.xsrf();
        assertThat(browser.setCookieHeaders()).filteredOn(h -> h.startsWith("XSRF-TOKEN=") && !h.startsWith("XSRF-TOKEN=;"))
                .isNotEmpty().allSatisfy(h -> assertThat(h).containsIgnoringCase("SameSite=Strict"));
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecureAndRedirectsAreHttps() {
        RawHttp browser = new RawHttp(port);
        // what a TLS-terminating proxy on this machine sends along (server.forward-headers-strategy=native)
        String[] proxied = {"X-Forwarded-Proto", "https", "X-Forwarded-Port", "443", "X-Forwarded-Host", "sync.example"};
        HttpResponse<String> hawtio = browser.send("GET", "/actuator/hawtio/", null, "Accept", "text/html",
                proxied[0], proxied[1], proxied[2], proxied[3], proxied[4], proxied[5]);
        assertThat(hawtio.headers().firstValue("Location").orElse("")).startsWith("https://sync.example/login");
        HttpResponse<String> loggedIn = browser.loginWithForm(user, password, proxied);
        assertThat(loggedIn.headers().firstValue("Location").orElse("")).startsWith("https://");
        assertThat(browser.setCookieHeaders()).filteredOn(h -> h.startsWith("JSESSIONID=")).isNotEmpty()
                .allSatisfy(h -> assertThat(h).contains("Secure"));
    }

    @Test
    void aChangeSentFromAnotherSiteIsRefusedEvenWithCredentialsTheBrowserCached() throws Exception {
        RawHttp tool = new RawHttp(port);
        HttpResponse<String> foreign = tool.send("POST", "/api/modules/vendors/pause", null,
                "Authorization", login, "Origin", "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).get("reason").asText()).isEqualTo(ApiErrorBody.CROSS_SITE);
        HttpResponse<String> crossSite = tool.send("POST", "/api/modules/vendors/pause", null,
                "Authorization", login, "Sec-Fetch-Site", "cross-site");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(paused("vendors")).isFalse();

        HttpResponse<String> sameOrigin = tool.send("POST", "/api/modules/vendors/pause", null,
                "Authorization", login, "Origin", tool.origin(), "Sec-Fetch-Site", "same-origin");
        assertThat(sameOrigin.statusCode()).isEqualTo(200);
    }
}
