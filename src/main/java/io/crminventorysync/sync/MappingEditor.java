package io.crminventorysync.sync;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmField;
import io.crminventorysync.mapping.MappingException;
import io.crminventorysync.mapping.MappingTable;
import io.crminventorysync.mapping.MappingVersions;
import io.crminventorysync.mapping.MappingXml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Field mappings edited at run time, for the HTTP API and the console alike: the mapping as a table
 * or as the XML file, the fields to offer (CRM's metadata, custom fields included, and Inventory's
 * known fields), a save checked by the same schema and rules as at start-up plus CRM's metadata for
 * custom CRM fields, the versions and a restore. A saved version is in force from the module's next
 * run on every node, and that run reads everything again.
 */
@Component
public class MappingEditor {

    private static final Logger log = LoggerFactory.getLogger(MappingEditor.class);

    private final MappingVersions versions;
    private final CrmClient crm;
    private final ModuleSettingsStore settings;
    private final AuditLog audit;

    public MappingEditor(MappingVersions versions, CrmClient crm, ModuleSettingsStore settings, AuditLog audit) {
        this.versions = versions;
        this.crm = crm;
        this.settings = settings;
        this.audit = audit;
    }

    /** One problem of a mapping: at a row of the table (null when not at a field), at a line of the XML. */
    public record Problem(MappingTable.At at, int line, String message) {
    }

    /** A mapping refused; nothing was stored. */
    public static class MappingRejectedException extends RuntimeException {
        private final transient List<Problem> problems;

        MappingRejectedException(List<Problem> problems) {
            super(problems.stream().map(p -> (p.line() > 0 ? "line " + p.line() + ": " : "") + p.message())
                    .collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** The mapping in force (the newest stored version, else the file) and its version number. */
    public record Current(int version, String xml, MappingTable table) {
    }

    public Current current(SyncModule module) {
        int v = versions.latest(module.id());
        String xml = versions.xml(module.id(), v);
        return new Current(v, xml, MappingXml.read(module.id(), xml));
    }

    public List<MappingVersions.Version> versions(SyncModule module) {
        return versions.versions(module.id());
    }

    public String xml(SyncModule module, int version) {
        return versions.xml(module.id(), version);
    }

    /** CRM's fields of each CRM module the mapping reads (custom ones included); empty when CRM cannot be asked. */
    public Map<String, List<CrmField>> crmFields(MappingTable table) {
        Map<String, List<CrmField>> out = new LinkedHashMap<>();
        for (MappingTable.Record r : table.records()) {
            out.computeIfAbsent(r.crmModule(), m -> {
                try {
                    return crm.fields(m);
                } catch (RuntimeException e) {
                    log.warn("CRM fields of {} not read: {}", m, e.getMessage());
                    return List.of();
                }
            });
        }
        return out;
    }

    /** Inventory's standard fields of each entity the mapping writes. */
    public Map<String, List<String>> inventoryFields(MappingTable table) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        table.records().forEach(r -> out.computeIfAbsent(r.inventory(), MappingXml::inventoryFields));
        return out;
    }

    /** Saves the table as a new version; its rows' problems come back at their rows. */
    public MappingVersions.Version saveTable(SyncModule module, MappingTable table, String by) {
        MappingXml.Written written = MappingXml.write(new MappingTable(module.id(), table.records()));
        List<Problem> problems = new ArrayList<>(customCrmFieldsCrmLacks(table));
        if (!problems.isEmpty()) {
            throw new MappingRejectedException(problems);
        }
        return store(module, written.xml(), written.rowsByLine(), by, "edited as a table");
    }

    /** Saves a whole mapping file as a new version. */
    public MappingVersions.Version saveXml(SyncModule module, String xml, String by) {
        List<Problem> problems = new ArrayList<>();
        try {
            problems.addAll(customCrmFieldsCrmLacks(MappingXml.read(module.id(), xml)));
        } catch (IllegalArgumentException notXml) {
            // the loader says where (line and column) below
        }
        if (!problems.isEmpty()) {
            throw new MappingRejectedException(problems);
        }
        return store(module, xml, Map.of(), by, "uploaded as XML");
    }

    /** Puts an earlier version (0: the file) in force again, as a new version. */
    public MappingVersions.Version restore(SyncModule module, int version, String by) {
        return store(module, versions.xml(module.id(), version), Map.of(), by, "restored from version " + version);
    }

    private MappingVersions.Version store(SyncModule module, String xml, Map<Integer, MappingTable.At> rows, String by,
            String note) {
        MappingVersions.Version saved;
        try {
            saved = versions.save(module.id(), xml, by, note);
        } catch (MappingException e) {
            throw new MappingRejectedException(List.of(new Problem(rows.get(e.line()), e.line(), e.reason())));
        }
        settings.rereadAll(module);
        audit.record(by, AuditLog.MAPPING_SAVED, module.id(), "mapping version " + saved.version(), note);
        return saved;
    }

    /** Custom CRM fields (custom="crm" or "both") that CRM's metadata does not list for the record's module. */
    private List<Problem> customCrmFieldsCrmLacks(MappingTable table) {
        List<Problem> out = new ArrayList<>();
        Map<String, List<CrmField>> fields = crmFields(table);
        for (int r = 0; r < table.records().size(); r++) {
            MappingTable.Record record = table.records().get(r);
            Set<String> known = fields.getOrDefault(record.crmModule(), List.of()).stream().map(CrmField::apiName)
                    .collect(Collectors.toSet());
            if (known.isEmpty()) {
                continue; // CRM not asked: the schema and the loader's rules still apply
            }
            for (int i = 0; i < record.fields().size(); i++) {
                MappingTable.Row row = record.fields().get(i);
                boolean crmCustom = "crm".equals(row.custom()) || "both".equals(row.custom());
                if (crmCustom && row.crm() != null && !row.crm().isBlank() && !known.contains(row.crm().trim())) {
                    out.add(new Problem(new MappingTable.At(r, i), 0, "CRM has no field '" + row.crm().trim()
                            + "' in " + record.crmModule() + " (its custom fields: " + fields.get(record.crmModule())
                            .stream().filter(CrmField::custom).map(CrmField::apiName).toList() + ")"));
                }
            }
        }
        return out;
    }
}
