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

    @Autowired
    CamelContext camel;

    @Test
    void everyRouteFileIsLoadedUnderItsOwnNameWithTheSharedErrorHandling() throws IOException {
        List<String> declared = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                Matcher m = ROUTE_ID.matcher(Files.readString(file));
                while (m.find()) {
                    String id = m.group(1);
                    declared.add(id);
                    assertThat(file.getFileName().toString()).as("file of route " + id).isEqualTo(id + ".xml");
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
            String uri = camel.getRoute(module + "-sync").getEndpoint().getEndpointUri();
            assertThat(uri).startsWith("quartz://sync/" + module).contains("trigger.misfireInstruction=1");
        }
    }
}
