package io.crminventorysync.mapping;

import io.crminventorysync.config.SyncProperties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The field mappings of all modules, loaded and checked when the service starts: a broken file
 * stops start-up with its file, line and reason (see {@link MappingFailureAnalyzer}) rather than
 * failing the first run hours later. Routes call it by the bean name {@code mappings}.
 */
@Component("mappings")
@Lazy(false)
public class MappingRegistry {

    private final Path dir;
    private final Map<String, ModuleMapping> modules = new java.util.concurrent.ConcurrentHashMap<>();
    /** The stored version each module's mapping in force came from; 0 for the file. */
    private final Map<String, Integer> versions = new java.util.concurrent.ConcurrentHashMap<>();
    private final MappingLoader loader;

    /** Loads {@code <sync.mappings-dir>/{accounts,vendors,products}.xml}, relative to the working directory. */
    @Autowired
    public MappingRegistry(SyncProperties props) {
        this(Path.of(props.getMappingsDir()));
    }

    /** Loads the mapping files of a directory. */
    public MappingRegistry(Path dir) {
        this.dir = dir;
        this.loader = new MappingLoader(dir);
        for (String module : KnownFields.MODULES) {
            modules.put(module, loader.load(module, dir.resolve(module + ".xml")));
            versions.put(module, 0);
        }
    }

    /**
     * The mapping of a module.
     *
     * @param module accounts, vendors or products
     * @throws IllegalArgumentException for any other name
     */
    public ModuleMapping module(String module) {
        ModuleMapping m = modules.get(module);
        if (m == null) {
            throw new IllegalArgumentException("unknown module '" + module + "', expected one of " + modules.keySet());
        }
        return m;
    }

    /**
     * Checks a mapping given as text, as a file is checked at start-up (schema, names, rules).
     *
     * @throws MappingException with the line of the first problem
     */
    public ModuleMapping check(String module, String xml, String label) {
        module(module);
        return loader.load(module, xml, Path.of(label));
    }

    /** Puts a checked mapping in force on this node, from the next run of its module on. */
    void install(String module, ModuleMapping mapping, int version) {
        modules.put(module, mapping);
        versions.put(module, version);
    }

    /** The stored version of the module's mapping in force on this node (0: the file). */
    public int version(String module) {
        return versions.getOrDefault(module, 0);
    }

    /** The directory the mappings were loaded from. */
    public Path dir() {
        return dir;
    }
}
