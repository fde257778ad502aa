package io.crminventorysync.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Camel reads {@code file:routes/*.xml} without following a symlinked folder (a Kubernetes
 * ConfigMap or a mounted volume is one): it would start with no routes at all. The pattern is
 * resolved here before Camel starts: the folder through its links to its real path, and every file
 * matching it (a link to a file counts as the file) named one by one. The pattern the operator gave
 * stays readable as {@value #GIVEN} for messages; a pattern that finds no file is left as it is, and
 * start-up then stops naming it (RoutesFailureAnalyzer).
 */
public class RoutesLocation implements EnvironmentPostProcessor {

    static final String PATTERN = "camel.main.routes-include-pattern";
    /** The pattern as configured, before it was resolved. */
    public static final String GIVEN = "sync.routes-include-pattern.given";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String given = environment.getProperty(PATTERN);
        if (given == null || !given.startsWith("file:") || given.contains(",")) {
            return;
        }
        String resolved = resolve(given.substring("file:".length()));
        // Nothing found: the pattern stays as given; start-up then stops with one line naming it and
        // its folder (RoutesFailureAnalyzer), whether Camel finds no folder or no module routes.
        environment.getPropertySources().addFirst(new MapPropertySource("resolvedRoutes",
                resolved == null ? Map.of(GIVEN, given) : Map.of(PATTERN, resolved, GIVEN, given)));
    }

    /** {@code file:} entries of every file matching {@code pattern} (folder/glob), or null when there are none. */
    static String resolve(String pattern) {
        Path path = Path.of(pattern);
        Path folder = path.getParent() == null ? Path.of(".") : path.getParent();
        String glob = path.getFileName().toString();
        if (!Files.isDirectory(folder)) {
            return null;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.list(folder.toRealPath())) {
            List<Path> matching = files.filter(f -> matcher.matches(f.getFileName()) && Files.isRegularFile(f))
                    .sorted().toList();
            if (matching.isEmpty()) {
                return null;
            }
            return matching.stream().map(f -> "file:" + realPath(f)).collect(Collectors.joining(","));
        } catch (IOException e) {
            return null;
        }
    }

    private static String realPath(Path f) {
        try {
            return f.toRealPath().toString();
        } catch (IOException e) {
            return f.toAbsolutePath().toString();
        }
    }

    /** The folder a pattern reads, as an absolute path, for messages. */
    public static String folderOf(String given) {
        String p = given.startsWith("file:") ? given.substring("file:".length()) : given;
        Path path = Path.of(p);
        return (path.getParent() == null ? Path.of(".") : path.getParent()).toAbsolutePath().normalize().toString();
    }
}
