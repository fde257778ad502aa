package io.crminventorysync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Shared set-up of the sandbox tests: one Spring context for all of them (same configuration, so
 * Spring caches it), real HTTP calls to the sandbox on the random port, and a clean sandbox with a
 * fresh access token before every test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SandboxTestSupport {

    static final String ORG = "60000000001";
    static final String CRM = "/sandbox/crm/v7";
    static final String INV = "/sandbox/inventory/v1";
    static final String CRM_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+05:30";
    static final String INVENTORY_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+0530";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    SandboxAdmin admin;

    @Autowired
    io.crminventorysync.config.SyncProperties properties;

    String token;

    @BeforeEach
    void cleanSandbox() {
        admin.reset();
        token = admin.issueAccessToken();
    }

    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A call with the current token; {@code headers} are name/value pairs. */
    Response call(String method, String pathAndQuery, Object body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Zoho-oauthtoken " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return raw(method, pathAndQuery, body, all);
    }

    Response get(String pathAndQuery, String... headers) {
        return call("GET", pathAndQuery, null, headers);
    }

    /** An Inventory call: organization_id is added to the query. */
    Response inv(String method, String pathAndQuery, Object body) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        return call(method, INV + pathAndQuery + sep + "organization_id=" + ORG, body);
    }

    /**
     * A call of the admin API (/sandbox/_admin/...), which needs the operator login in the service,
     * as HTTP Basic like any API client.
     */
    Response adminCall(String method, String pathAndQuery, Object body) {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((properties.getSecurity().getUsername()
                + ":" + properties.getSecurity().getPassword()).getBytes(StandardCharsets.UTF_8));
        return raw(method, pathAndQuery, body, "Authorization", basic);
    }

    /** A call with exactly the given headers (none added). */
    Response raw(String method, String pathAndQuery, Object body, String... headers) {
        try {
            HttpRequest.BodyPublisher publisher;
            if (body == null) {
                publisher = HttpRequest.BodyPublishers.noBody();
            } else {
                String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                publisher = HttpRequest.BodyPublishers.ofString(text);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, publisher);
            boolean typed = false;
            for (int i = 0; i < headers.length; i += 2) {
                typed |= headers[i].equalsIgnoreCase("Content-Type");
            }
            if (body != null && !typed) {
                builder.header("Content-Type", "application/json");
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The result of a call that may fail at the transport: an answer, or the I/O error the client saw. */
    record Attempt(Response response, IOException failure) {
    }

    /** A call with the current token that gives up after {@code timeout}; transport failures are returned, not thrown. */
    Attempt attempt(String method, String pathAndQuery, Object body, Duration timeout) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                    .timeout(timeout)
                    .header("Authorization", "Zoho-oauthtoken " + token)
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                builder.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Attempt(new Response(response.statusCode(), response.body(), response.headers()), null);
        } catch (IOException e) {
            return new Attempt(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A call to the sandbox's admin API (/sandbox/_admin/...), as benchmarks and other processes drive it. */
    Response admin(String method, String path, Object body) {
        return adminCall(method, "/sandbox/_admin" + path, body);
    }

    /** A form POST, as OAuth clients send it. */
    Response form(String path, String form) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
