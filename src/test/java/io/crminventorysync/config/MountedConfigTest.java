package io.crminventorysync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.CrmInventorySyncApplication;
import io.crminventorysync.mapping.MappingRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * routes/ and mappings/ mounted as a Kubernetes ConfigMap or a volume are reached through symlinks:
 * a symlinked folder, and (ConfigMap) a folder of symlinked files. The service must load them all;
 * and a deployment whose routes are missing must not start and report UP, but stop naming the
 * pattern and the folder.
 */
@ExtendWith(OutputCaptureExtension.class)
class MountedConfigTest {

    private static final Path ROUTES = Path.of("routes").toAbsolutePath();
    private static final Path MAPPINGS = Path.of("mappings").toAbsolutePath();

    private static String[] args(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(more));
        all.add("--server.port=0");
        all.add("--spring.datasource.url=jdbc:h2:mem:mounted-" + System.nanoTime() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        all.add("--spring.quartz.properties.org.quartz.scheduler.instanceName=mounted-" + System.nanoTime());
        return all.toArray(String[]::new);
    }

    /** A folder of links to the files, as a ConfigMap mounts them, reached through a link to that folder. */
    private static Path configMapOf(Path source, String name) throws Exception {
        Path base = Files.createDirectories(Path.of("target", "mounted-" + System.nanoTime()));
        Path data = Files.createDirectories(base.resolve("..data-" + name));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.createSymbolicLink(data.resolve(f.getFileName()), f);
            }
        }
        return Files.createSymbolicLink(base.resolve(name), data.toAbsolutePath());
    }

    @Test
    void routesAndMappingsReachedThroughSymlinksAreAllLoaded() throws Exception {
        Path routes = configMapOf(ROUTES, "routes");
        Path mappings = configMapOf(MAPPINGS, "mappings");
        long routeFiles;
        try (Stream<Path> files = Files.list(ROUTES)) {
            routeFiles = files.filter(f -> f.toString().endsWith(".xml")).count();
        }

        try (ConfigurableApplicationContext app = new SpringApplication(CrmInventorySyncApplication.class).run(args(
                "--camel.main.routes-include-pattern=file:" + routes + "/*.xml", "--sync.mappings-dir=" + mappings))) {
            CamelContext camel = app.getBean(CamelContext.class);
            assertThat(camel.getRoute("accounts-run")).isNotNull();
            assertThat(camel.getRoute("vendors-sync")).isNotNull();
            assertThat(camel.getRoutes().size()).as("routes of %s files", routeFiles).isGreaterThanOrEqualTo((int) routeFiles);
            assertThat(app.getBean(MappingRegistry.class).module("products").record("product").crmModule()).isEqualTo("Products");

            // a run whose route is gone fails at once with the reason, instead of staying RUNNING
            camel.getRouteController().stopRoute("vendors-run");
            camel.removeRoute("vendors-run");
            RunSummary run = app.getBean(ModuleControl.class).runNow(SyncModule.VENDORS, Trigger.INSTANT);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.message()).contains("no route vendors-run");
            assertThat(app.getBean(ModuleControl.class).state(SyncModule.VENDORS).runningRunId()).isNull();
        }
    }

    @Test
    void aRoutesPatternThatFindsNothingStopsStartupNamingThePatternAndTheFolder(CapturedOutput output) {
        SpringApplication app = new SpringApplication(CrmInventorySyncApplication.class);
        assertThatThrownBy(() -> app.run(args("--camel.main.routes-include-pattern=file:target/no-routes-here/*.xml")).close())
                .isInstanceOf(Exception.class);

        assertThat(output).contains("Routes missing: no routes are loaded from file:target/no-routes-here/*.xml")
                .contains(Path.of("target/no-routes-here").toAbsolutePath().toString())
                .doesNotContain("\tat org.springframework");
    }

    @Test
    void aRoutesFolderWithoutTheModulesRoutesStopsStartupNamingTheMissingRoutes(CapturedOutput output) throws Exception {
        Path partial = Files.createDirectories(Path.of("target", "partial-routes-" + System.nanoTime()));
        Files.copy(ROUTES.resolve("sync-errors.xml"), partial.resolve("sync-errors.xml"));
        SpringApplication app = new SpringApplication(CrmInventorySyncApplication.class);
        assertThatThrownBy(() -> app.run(args("--camel.main.routes-include-pattern=file:" + partial + "/*.xml")).close())
                .isInstanceOf(Exception.class);

        assertThat(output).contains("Routes missing: accounts-sync, accounts-run, vendors-sync, vendors-run, products-sync, products-run")
                .contains(partial.toAbsolutePath().toString())
                .doesNotContain("\tat org.springframework");
    }
}
