package io.crminventorysync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walls of the architecture (README, "Architecture map"): a small core ({@code sync}) with the
 * record layer both flows share ({@code sync.record}) under the two flows, which never know each
 * other; the clients below; the web over the core's services only; the sandbox beside it all.
 */
class ArchitectureTest {

    private static final String BASE = "io.crminventorysync";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void pullAndPushNeverImportEachOther() {
        noClasses().that().resideInAPackage(BASE + ".sync.pull..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".sync.push..").check(MAIN);
        noClasses().that().resideInAPackage(BASE + ".sync.push..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".sync.pull..").check(MAIN);
    }

    @Test
    void theCoreAndTheRecordLayerKnowNeitherFlow() {
        noClasses().that().resideInAnyPackage(BASE + ".sync", BASE + ".sync.record")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".sync.pull..", BASE + ".sync.push..")
                .check(MAIN);
    }

    @Test
    void authIsAboveHttpNeverTheOtherWayRound() {
        noClasses().that().resideInAPackage(BASE + ".http..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".auth..").check(MAIN);
    }

    /** The one exception is the launcher's {@code --sandbox-only} switch, which starts the sandbox alone. */
    @Test
    void mainCodeNeverImportsTheSandbox() {
        noClasses().that().resideOutsideOfPackage(BASE + ".sandbox..")
                .and().doNotHaveFullyQualifiedName(BASE + ".CrmInventorySyncApplication")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".sandbox..").check(MAIN);
    }

    @Test
    void theWebTalksOnlyToTheCoresServices() {
        noClasses().that().resideInAPackage(BASE + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".sync.pull..", BASE + ".sync.push..",
                        BASE + ".sync.record..", BASE + ".crm..", BASE + ".inventory..", BASE + ".http..", BASE + ".auth..")
                .check(MAIN);
    }

    /** A class that grows past 400 lines does more than one job; the sandbox simulates two whole APIs and is exempt. */
    @Test
    void noMainClassOutsideTheSandboxIsOverFourHundredLines() throws IOException {
        Path root = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.toString().contains("/sandbox/"))
                    .filter(f -> lines(f) > 400)
                    .map(f -> root.relativize(f) + " (" + lines(f) + " lines)")
                    .toList();
            assertThat(tooLong).isEmpty();
        }
    }

    private static long lines(Path f) {
        try {
            return Files.readAllLines(f).size();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
