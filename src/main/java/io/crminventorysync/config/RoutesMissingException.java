package io.crminventorysync.config;

import java.util.List;

/** Start-up found a module's routes missing: the routes pattern read nothing, or not the module's files. */
public class RoutesMissingException extends RuntimeException {

    private final String pattern;
    private final String folder;
    private final List<String> missing;

    public RoutesMissingException(String pattern, String folder, List<String> missing) {
        super("routes " + missing + " are not loaded from " + pattern + " (folder " + folder + ")");
        this.pattern = pattern;
        this.folder = folder;
        this.missing = List.copyOf(missing);
    }

    public String pattern() {
        return pattern;
    }

    public String folder() {
        return folder;
    }

    public List<String> missing() {
        return missing;
    }
}
