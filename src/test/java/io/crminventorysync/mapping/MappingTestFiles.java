package io.crminventorysync.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Test helpers: a copy of the real mappings/ directory in which a test replaces one file. */
final class MappingTestFiles {

    static final Path REAL_DIR = Path.of("mappings");

    private MappingTestFiles() {
    }

    /** Copies mappings/*.xml and mapping.xsd into dir. */
    static Path copyOfRealMappings(Path dir) {
        try {
            for (String name : new String[] {"mapping.xsd", "accounts.xml", "vendors.xml", "products.xml"}) {
                Files.copy(REAL_DIR.resolve(name), dir.resolve(name));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces one file of the directory. */
    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mapping file of the given module holding the given records. */
    static String mappingFile(String module, String records) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<mapping xmlns=\"urn:crm-inventory-sync:mapping:1\" module=\"" + module + "\">\n"
                + records
                + "</mapping>\n";
    }

    /** Bindings held in memory: module -> (CRM id <-> Inventory id). */
    static final class Bindings implements MappingContext {
        private final Map<String, Map<String, String>> crmToInventory = new HashMap<>();

        Bindings bind(String module, String crmId, String inventoryId) {
            crmToInventory.computeIfAbsent(module, m -> new HashMap<>()).put(crmId, inventoryId);
            return this;
        }

        @Override
        public Optional<String> inventoryIdFor(String module, String crmId) {
            return Optional.ofNullable(crmToInventory.getOrDefault(module, Map.of()).get(crmId));
        }

        @Override
        public Optional<String> crmIdFor(String module, String inventoryId) {
            return crmToInventory.getOrDefault(module, Map.of()).entrySet().stream()
                    .filter(e -> e.getValue().equals(inventoryId))
                    .map(Map.Entry::getKey)
                    .findFirst();
        }
    }
}
