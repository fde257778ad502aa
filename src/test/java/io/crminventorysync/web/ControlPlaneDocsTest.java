package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.support.RawHttp;
import io.crminventorysync.support.SyncTestSupport;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The control plane stays documented: every endpoint Spring maps under /api is in the README's
 * "Control plane" section (as {@code `METHOD /api/path`}), and the OpenAPI description lists the same
 * paths, behind the operator login, with Swagger UI for a logged-in browser.
 */
class ControlPlaneDocsTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    /** "GET /api/modules/{module}", ... for every mapped /api endpoint and method. */
    private Set<String> apiEndpoints() {
        Set<String> out = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/api") || pattern.startsWith("/api/")) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        out.add(method.name() + " " + pattern);
                    }
                }
            }
        }
        return out;
    }

    private static String controlPlaneSection() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Control plane\n");
        assertThat(start).as("README has a '## Control plane' section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void everyMappedApiEndpointIsInTheReadmesControlPlaneSection() throws Exception {
        Set<String> endpoints = apiEndpoints();
        assertThat(endpoints).as("the API's endpoints were found at all").contains("GET /api/modules", "GET /api/audit");
        String section = controlPlaneSection();
        List<String> missing = new ArrayList<>();
        for (String endpoint : endpoints) {
            if (!section.contains("`" + endpoint + "`")) {
                missing.add(endpoint);
            }
        }
        assertThat(missing).as("endpoints missing from README.md, section 'Control plane' (write them as `METHOD /api/...`)")
                .isEmpty();
        assertThat(section).contains("### Pause rules", "### JMX and Hawtio", "curl ");
    }

    @Test
    void theOpenApiDescriptionListsTheSamePathsBehindTheLogin() throws Exception {
        RawHttp tool = new RawHttp(port);
        assertThat(tool.send("GET", "/v3/api-docs", null).statusCode()).isEqualTo(401);
        HttpResponse<String> docs = tool.send("GET", "/v3/api-docs", null, "Authorization",
                RawHttp.basic(properties.getSecurity().getUsername(), properties.getSecurity().getPassword()));
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = JSON.readTree(docs.body());
        assertThat(api.at("/info/title").asText()).isEqualTo("crm-inventory-sync control plane");
        Set<String> documented = new TreeSet<>();
        api.get("paths").fieldNames().forEachRemaining(documented::add);
        Set<String> mapped = new TreeSet<>();
        apiEndpoints().forEach(e -> mapped.add(e.substring(e.indexOf(' ') + 1)));
        assertThat(documented).isEqualTo(mapped);

        HttpResponse<String> anonymousUi = tool.send("GET", "/swagger-ui/index.html", null, "Accept", "text/html");
        assertThat(anonymousUi.statusCode()).isEqualTo(302);
        assertThat(anonymousUi.headers().firstValue("Location").orElse("")).endsWith("/login");
        RawHttp browser = new RawHttp(port);
        browser.loginWithForm(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
        assertThat(browser.send("GET", "/swagger-ui/index.html", null, "Accept", "text/html").statusCode()).isEqualTo(200);
        assertThat(browser.send("GET", "/v3/api-docs/swagger-config", null).statusCode()).isEqualTo(200);
    }
}
