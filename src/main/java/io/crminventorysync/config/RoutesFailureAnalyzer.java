package io.crminventorysync.config;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * One line when the routes cannot be loaded: a module's routes missing (RoutesMissingException), or
 * the routes pattern's folder missing (Camel's NoSuchFileException), naming the pattern and the folder.
 */
public class RoutesFailureAnalyzer implements FailureAnalyzer {

    private static final String ACTION = "Start the service in the directory that holds routes/ (with mappings/), or point"
            + " camel.main.routes-include-pattern at the routes' folder, e.g. file:/app/routes/*.xml.";

    private final Environment environment;

    public RoutesFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RoutesMissingException missing) {
                return new FailureAnalysis("Routes missing: " + String.join(", ", missing.missing())
                        + " are not loaded from " + missing.pattern() + " (folder " + missing.folder() + ")", ACTION, missing);
            }
            if (t instanceof NoSuchFileException noFile) {
                String given = environment.getProperty(RoutesLocation.GIVEN);
                if (given != null && noFile.getFile() != null
                        && Path.of(noFile.getFile()).toAbsolutePath().normalize().toString().equals(RoutesLocation.folderOf(given))) {
                    return new FailureAnalysis("Routes missing: no routes are loaded from " + given + " (folder "
                            + RoutesLocation.folderOf(given) + " does not exist)", ACTION, noFile);
                }
            }
        }
        return null;
    }
}
