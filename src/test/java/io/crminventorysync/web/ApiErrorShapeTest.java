package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.support.RawHttp;
import io.crminventorysync.support.SyncTestSupport;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every error answer of /api has one shape, {"error": "...", "field": ..., "reason": "..."}: 400
 * (malformed JSON with its line and column, a bad value naming its field), 401, 403, 404, 405, 409
 * (pause and run refusals with their reason codes), 413 and 415.
 */
class ApiErrorShapeTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    private RawHttp tool;
    private String login;

    @BeforeEach
    void operatorTool() {
        tool = new RawHttp(port);
        login = RawHttp.basic(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
    }

    /** The answer has exactly the shape's three keys (plus runId on a run refusal) and the given status and reason. */
    private JsonNode shaped(HttpResponse<String> r, int status, String reason) throws Exception {
        assertThat(r.statusCode()).as("%s %s: %s", r.request().method(), r.uri(), r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        Iterator<String> names = body.fieldNames();
        java.util.List<String> keys = new java.util.ArrayList<>();
        names.forEachRemaining(keys::add);
        assertThat(keys).startsWith("error", "field", "reason").isSubsetOf("error", "field", "reason", "runId");
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("reason").asText()).isEqualTo(reason);
        return body;
    }

    private HttpResponse<String> put(String path, String body, String contentType) {
        return tool.send("PUT", path, body, "Authorization", login, "Content-Type", contentType);
    }

    @Test
    void badRequestsNameTheLineAndColumnOrTheField() throws Exception {
        JsonNode malformed = shaped(put("/api/modules/vendors/settings", "{\n  \"direction\": \"TWO_WAY\",\n  oops\n}",
                "application/json"), 400, ApiErrorBody.MALFORMED_JSON);
        assertThat(malformed.get("error").asText()).contains("line 3, column");
        assertThat(malformed.get("field").isNull()).isTrue();

        JsonNode badValue = shaped(put("/api/modules/vendors/settings", "{\"duplicatePolicy\":\"MERGE\"}", "application/json"),
                400, ApiErrorBody.INVALID_VALUE);
        assertThat(badValue.get("field").asText()).isEqualTo("duplicatePolicy");
        shaped(tool.send("GET", "/api/runs/notanumber", null, "Authorization", login), 400, ApiErrorBody.INVALID_VALUE);
        shaped(put("/api/settings/transactions", "{}", "application/json"), 400, ApiErrorBody.INVALID_VALUE);
    }

    @Test
    void unauthenticatedForbiddenNotFoundAndMethodNotAllowed() throws Exception {
        shaped(tool.send("DELETE", "/api/modules", null), 401, ApiErrorBody.UNAUTHENTICATED);

        RawHttp browser = new RawHttp(port);
        browser.loginWithForm(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
        shaped(browser.send("POST", "/api/modules/vendors/pause", null), 403, ApiErrorBody.CSRF);
        shaped(tool.send("POST", "/api/modules/vendors/pause", null, "Authorization", login, "Origin", "https://evil.example"),
                403, ApiErrorBody.CROSS_SITE);

        shaped(tool.send("GET", "/api/no-such-endpoint", null, "Authorization", login), 404, ApiErrorBody.NOT_FOUND);
        assertThat(shaped(tool.send("GET", "/api/runs/987654321", null, "Authorization", login), 404, ApiErrorBody.NOT_FOUND)
                .get("field").asText()).isEqualTo("runId");
        assertThat(shaped(tool.send("GET", "/api/modules/leads", null, "Authorization", login), 404, ApiErrorBody.NOT_FOUND)
                .get("field").asText()).isEqualTo("module");

        HttpResponse<String> delete = tool.send("DELETE", "/api/modules", null, "Authorization", login);
        JsonNode notAllowed = shaped(delete, 405, ApiErrorBody.METHOD_NOT_ALLOWED);
        assertThat(notAllowed.get("error").asText()).contains("DELETE", "GET");
        assertThat(delete.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET"));
    }

    @Test
    void refusalsByTheRulesCarryTheirReasonCode() throws Exception {
        shaped(tool.send("POST", "/api/modules/accounts/pause", null, "Authorization", login), 409, ApiErrorBody.NOT_PAUSABLE);
        assertThat(tool.module("accounts", login).get("paused").asBoolean()).isFalse();

        assertThat(tool.send("POST", "/api/modules/vendors/pause", null, "Authorization", login).statusCode()).isEqualTo(200);
        shaped(put("/api/settings/transactions", "{\"enabled\":true}", "application/json"), 409, ApiErrorBody.MODULES_PAUSED);
        shaped(tool.send("POST", "/api/modules/vendors/sync", null, "Authorization", login), 409, "PAUSED");
        assertThat(tool.send("POST", "/api/modules/vendors/resume", null, "Authorization", login).statusCode()).isEqualTo(200);

        assertThat(put("/api/settings/transactions", "{\"enabled\":true}", "application/json").statusCode()).isEqualTo(200);
        shaped(tool.send("POST", "/api/modules/products/pause", null, "Authorization", login), 409,
                ApiErrorBody.TRANSACTION_MODULES_ENABLED);
        assertThat(tool.module("products", login).get("paused").asBoolean()).isFalse();
        assertThat(put("/api/settings/transactions", "{\"enabled\":false}", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongContentTypeIs415AndATooLargeBodyIs413DeclaredOrStreamed() throws Exception {
        JsonNode unsupported = shaped(put("/api/modules/vendors/settings", "direction=TWO_WAY", "text/plain"), 415,
                ApiErrorBody.UNSUPPORTED_MEDIA_TYPE);
        assertThat(unsupported.get("error").asText()).contains("text/plain", "application/json");

        String big = "{\"crmViewId\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        shaped(put("/api/modules/vendors/settings", big, "application/json"), 413, ApiErrorBody.TOO_LARGE);

        // the same without a Content-Length (chunked): refused once the limit is passed while reading
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(tool.origin() + "/api/modules/vendors/settings"))
                .header("Authorization", login).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build();
        shaped(HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString()), 413, ApiErrorBody.TOO_LARGE);
        assertThat(tool.module("vendors", login).at("/settings/crmViewId").isNull()).isTrue();
    }
}
