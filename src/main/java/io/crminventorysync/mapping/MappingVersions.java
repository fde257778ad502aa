package io.crminventorysync.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Mappings edited at run time: each save is a new version in the database (who, when, a note), in
 * force from the next run of the module on every node without a restart. A node brings its mapping
 * in line with the newest stored version when a run of the module opens ({@link #refresh}), so a run
 * keeps the mapping it started with. The files in {@code mappings/} stay the initial defaults
 * (version 0) and the format.
 */
@Component
public class MappingVersions {

    private static final Logger log = LoggerFactory.getLogger(MappingVersions.class);

    private final JdbcTemplate jdbc;
    private final MappingRegistry registry;

    public MappingVersions(JdbcTemplate jdbc, MappingRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
        for (String module : KnownFields.MODULES) {
            refresh(module);
        }
    }

    /** A stored version; {@code changes} lists the field lines added (+) and removed (-) against the one before. */
    public record Version(int version, String createdBy, Instant createdAt, String note, List<String> changes) {
    }

    /** The newest stored version of a module, or 0 (the file). */
    public int latest(String module) {
        Integer v = jdbc.queryForObject("SELECT MAX(version) FROM sync_mapping_version WHERE module = ?", Integer.class, module);
        return v == null ? 0 : v;
    }

    /** The mapping's XML of a version; 0 is the file in mappings/. */
    public String xml(String module, int version) {
        if (version == 0) {
            try {
                return Files.readString(registry.dir().resolve(module + ".xml"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("mapping file of " + module + " cannot be read: " + e, e);
            }
        }
        List<String> xml = jdbc.queryForList("SELECT xml FROM sync_mapping_version WHERE module = ? AND version = ?",
                String.class, module, version);
        if (xml.isEmpty()) {
            throw new VersionNotFoundException(module, version);
        }
        return xml.get(0);
    }

    /**
     * Checks and stores a new version and puts it in force here; other nodes take it at their next
     * run of the module.
     *
     * @throws MappingException naming the line of the first problem; nothing is stored
     */
    public Version save(String module, String xml, String by, String note) {
        for (int attempt = 0; ; attempt++) {
            int version = latest(module) + 1;
            ModuleMapping mapping = registry.check(module, xml, "database:" + module + " v" + version);
            // stored as UTC wall time, as every other time of ours
            LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(System.currentTimeMillis()), ZoneOffset.UTC);
            try {
                jdbc.update("INSERT INTO sync_mapping_version (module, version, xml, created_by, created_at, note)"
                                + " VALUES (?, ?, ?, ?, ?, ?)", module, version, xml, by, now,
                        note == null || note.length() <= 500 ? note : note.substring(0, 500));
            } catch (DuplicateKeyException anotherSaveWasFirst) {
                if (attempt < 3) {
                    continue;
                }
                throw anotherSaveWasFirst;
            }
            registry.install(module, mapping, version);
            log.info("Mapping of {}: version {} saved by {}, in force from the next run", module, version, by);
            return versions(module).stream().filter(v -> v.version() == version).findFirst().orElseThrow();
        }
    }

    /** The module's versions, newest first, each with its changes against the one before; the file last as 0. */
    public List<Version> versions(String module) {
        List<Version> out = new ArrayList<>();
        List<Object[]> rows = jdbc.query("SELECT version, created_by, created_at, note, xml FROM sync_mapping_version"
                + " WHERE module = ? ORDER BY version", (rs, i) -> new Object[] {rs.getInt(1), rs.getString(2),
                rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(4), rs.getString(5)}, module);
        String before = xml(module, 0);
        for (Object[] r : rows) {
            out.add(0, new Version((Integer) r[0], (String) r[1], (Instant) r[2], (String) r[3], diff(before, (String) r[4])));
            before = (String) r[4];
        }
        out.add(new Version(0, null, null, "the file " + registry.dir().resolve(module + ".xml") + " (initial default)", List.of()));
        return out;
    }

    /**
     * Brings this node's mapping of the module in line with the newest stored version (one query);
     * called when a run of the module opens. A stored version that no longer loads (a schema changed
     * under it) keeps the mapping in force and says so.
     */
    public void refresh(String module) {
        int latest = latest(module);
        if (latest == registry.version(module)) {
            return;
        }
        try {
            String xml = xml(module, latest);
            registry.install(module, latest == 0 ? registry.check(module, xml, module + ".xml")
                    : registry.check(module, xml, "database:" + module + " v" + latest), latest);
            log.info("Mapping of {}: version {} in force on this node", module, latest);
        } catch (MappingException e) {
            log.error("Mapping of {}: stored version {} does not load, keeping version {}: {}", module, latest,
                    registry.version(module), e.getMessage());
        }
    }

    /** Field lines added and removed between two versions of a mapping, in order. */
    static List<String> diff(String before, String after) {
        Set<String> was = fieldLines(before);
        Set<String> is = fieldLines(after);
        List<String> out = new ArrayList<>();
        for (String l : was) {
            if (!is.contains(l)) {
                out.add("- " + l);
            }
        }
        for (String l : is) {
            if (!was.contains(l)) {
                out.add("+ " + l);
            }
        }
        return out;
    }

    /** Every record's name and each of its fields, normalised to one line, so formatting is no difference. */
    private static Set<String> fieldLines(String xml) {
        Set<String> out = new LinkedHashSet<>();
        try {
            MappingTable t = MappingXml.read("diff", xml);
            for (MappingTable.Record r : t.records()) {
                for (String f : r.fixed()) {
                    out.add(r.name() + ": " + f);
                }
                for (MappingTable.Row row : r.fields()) {
                    out.add(r.name() + ": " + row.crm() + " -> " + row.inventory() + " (" + row.direction()
                            + (row.custom().isEmpty() ? "" : ", custom " + row.custom())
                            + (row.onlyOnCreate() ? ", only on create" : "") + ")" + (row.transforms().isEmpty() ? "" : " " + row.transforms()));
                }
            }
        } catch (IllegalArgumentException e) {
            out.add(xml.strip());
        }
        return out;
    }

    /** A version a module does not have (HTTP 404). */
    public static class VersionNotFoundException extends RuntimeException {
        public VersionNotFoundException(String module, int version) {
            super("module " + module + " has no mapping version " + version);
        }
    }
}
