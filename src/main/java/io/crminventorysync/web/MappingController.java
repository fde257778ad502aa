package io.crminventorysync.web;

import io.crminventorysync.mapping.MappingTable;
import io.crminventorysync.mapping.MappingVersions;
import io.crminventorysync.sync.MappingEditor;
import io.crminventorysync.sync.SyncModule;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A module's field mapping over HTTP, as the XML file or as JSON (records with their fields), and
 * its versions. A save is checked by the same schema and rules as at start-up ({@link MappingEditor})
 * and is in force from the module's next run on every node.
 */
@RestController
@RequestMapping("/api/modules/{module}/mapping")
public class MappingController {

    private final MappingEditor editor;

    public MappingController(MappingEditor editor) {
        this.editor = editor;
    }

    /** The body of a JSON save: the records, each with its fields (keys and parent are kept as they are). */
    public record MappingBody(List<RecordBody> records) {
    }

    public record RecordBody(String name, List<MappingTable.Row> fields) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> json(@PathVariable SyncModule module) {
        MappingEditor.Current current = editor.current(module);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("module", module.id());
        body.put("version", current.version());
        body.put("records", current.table().records());
        return body;
    }

    @GetMapping(produces = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    public ResponseEntity<String> xml(@PathVariable SyncModule module) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header("Content-Disposition", "attachment; filename=\"" + module.id() + ".xml\"")
                .body(editor.current(module).xml());
    }

    @PutMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    public MappingVersions.Version putXml(@PathVariable SyncModule module, @RequestBody String xml, Principal user) {
        return editor.saveXml(module, xml, user.getName());
    }

    /**
     * Replaces the fields of the named records; a record left out keeps its fields. Problems come back
     * as 400 naming the row, e.g. {@code records[0].fields[3]}.
     */
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public MappingVersions.Version putJson(@PathVariable SyncModule module, @RequestBody MappingBody body, Principal user) {
        MappingTable current = editor.current(module).table();
        List<MappingTable.Record> records = new java.util.ArrayList<>();
        for (MappingTable.Record r : current.records()) {
            RecordBody given = body.records() == null ? null
                    : body.records().stream().filter(b -> r.name().equals(b.name())).findFirst().orElse(null);
            records.add(given == null ? r : new MappingTable.Record(r.name(), r.crmModule(), r.inventory(), r.fixed(),
                    given.fields() == null ? List.of() : given.fields().stream().map(MappingController::clean).toList()));
        }
        if (body.records() != null) {
            for (RecordBody b : body.records()) {
                if (current.records().stream().noneMatch(r -> r.name().equals(b.name()))) {
                    throw new ApiErrors.BadRequestException("records", "module " + module.id() + " has no record '" + b.name()
                            + "'; it has " + current.records().stream().map(MappingTable.Record::name).toList());
                }
            }
        }
        return editor.saveTable(module, new MappingTable(module.id(), records), user.getName());
    }

    @GetMapping(value = "/versions", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<MappingVersions.Version> versions(@PathVariable SyncModule module) {
        return editor.versions(module);
    }

    /** Puts an earlier version (0: the file) in force again, as a new version; 404 naming {@code version} when there is none. */
    @PostMapping(value = "/versions/{version}/restore", produces = MediaType.APPLICATION_JSON_VALUE)
    public MappingVersions.Version restore(@PathVariable SyncModule module, @PathVariable int version, Principal user) {
        return editor.restore(module, version, user.getName());
    }

    private static MappingTable.Row clean(MappingTable.Row r) {
        return new MappingTable.Row(nz(r.crm()), nz(r.inventory()), nz(r.direction()), nz(r.custom()), r.onlyOnCreate(),
                nz(r.transforms()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
