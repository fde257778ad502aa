package io.crminventorysync.mapping;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/** The mapping file of one module: its named record mappings. */
public final class ModuleMapping {

    private final String module;
    private final Path file;
    private final Map<String, RecordMapping> records;

    ModuleMapping(String module, Path file, Map<String, RecordMapping> records) {
        this.module = module;
        this.file = file;
        this.records = Map.copyOf(records);
    }

    /** accounts, vendors or products. */
    public String module() {
        return module;
    }

    /** The file it was loaded from, e.g. mappings/accounts.xml. */
    public Path file() {
        return file;
    }

    /**
     * The record mapping of this name (account, person, individual, vendor, product).
     *
     * @throws IllegalArgumentException when the file has no such record
     */
    public RecordMapping record(String name) {
        RecordMapping r = records.get(name);
        if (r == null) {
            throw new IllegalArgumentException(
                    "no record mapping '" + name + "' in " + file + ", it has " + records.keySet());
        }
        return r;
    }

    /** Every record mapping of the file. */
    public Collection<RecordMapping> records() {
        return records.values();
    }
}
