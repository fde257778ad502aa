package io.crminventorysync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The routes come from routes/*.xml. Camel 4.17 silently ignores the old property name and starts
 * with no routes at all, so this counts them against the files: every file's route is running,
 * named after its file, and opted into the shared error handling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutesLoadedTest {

    private static final Pattern ROUTE_ID = Pattern.compile("<route\\s+id=\"([^\"]+)\"");
    private static final Pattern TEMPLATE_ID = Pattern.compile("<routeTemplate\\s+id=\"([^\"]+)\"");
    private static final Pattern TEMPLATED_ROUTE_ID = Pattern.compile("<templatedRoute\\s+routeTemplateRef=\"([^\"]+)\"\\s+routeId=\"([^\"]+)\"");

    @Autowired
    CamelContext camel;

    /**
     * One route or one route template per file, the file named after it; a template's routes are
     * declared in its own file (templatedRoute) and named by it.
     */
    @Test
    void everyRouteFileIsLoadedUnderItsOwnNameWithTheSharedErrorHandling() throws IOException {
        List<String> declared = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                String xml = Files.readString(file);
                String fileName = file.getFileName().toString();
                Matcher m = ROUTE_ID.matcher(xml);
                while (m.find()) {
                    String id = m.group(1);
                    declared.add(id);
                    assertThat(fileName).as("file of route " + id).isEqualTo(id + ".xml");
                }
                Matcher t = TEMPLATE_ID.matcher(xml);
                while (t.find()) {
                    assertThat(fileName).as("file of route template " + t.group(1)).isEqualTo(t.group(1) + ".xml");
                }
                Matcher r = TEMPLATED_ROUTE_ID.matcher(xml);
                while (r.find()) {
                    assertThat(fileName).as("route " + r.group(2) + " is declared beside its template")
                            .isEqualTo(r.group(1) + ".xml");
                    declared.add(r.group(2));
                }
            }
        }

        assertThat(declared).hasSizeGreaterThanOrEqualTo(10);
        assertThat(camel.getRoutes()).extracting(Route::getRouteId).containsExactlyInAnyOrderElementsOf(declared);
        for (String id : declared) {
            assertThat(camel.getRouteController().getRouteStatus(id).isStarted()).as(id + " started").isTrue();
            assertThat(camel.getRoute(id).getConfigurationId()).as(id + " error handling").isEqualTo("sync-errors");
        }
    }

    @Test
    void theScheduleOfEachModuleIsAClusteredQuartzTriggerWithOneCatchUpAfterDowntime() {
        for (String module : List.of("accounts", "vendors", "products")) {
            QuartzEndpoint endpoint = (QuartzEndpoint) camel.getRoute(module + "-sync").getEndpoint();
            assertThat(endpoint.getEndpointUri()).startsWith("quartz://sync/" + module).contains("trigger.misfireInstruction=1");
            assertThat(endpoint.getCron()).as("the stored cron, decoded").isEqualTo("0 0 0 1 1 ? 2099");
        }
    }
}
