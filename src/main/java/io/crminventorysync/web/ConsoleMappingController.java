package io.crminventorysync.web;

import io.crminventorysync.mapping.MappingTable;
import io.crminventorysync.sync.MappingEditor;
import io.crminventorysync.sync.SyncModule;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's field mapping (issue 15, page 3): the module's mapping as a table per record, with
 * CRM's fields (custom ones included) and Inventory's known fields offered; add, change, remove;
 * saved through {@link MappingEditor} as {@code PUT /api/modules/{m}/mapping} is, each problem shown
 * at its row; the versions with their differences, restore, and export as the XML file.
 */
@Controller
public class ConsoleMappingController {

    /** Empty rows offered at the end of each record for adding fields. */
    static final int BLANK_ROWS = 1;

    private final MappingEditor editor;

    public ConsoleMappingController(MappingEditor editor) {
        this.editor = editor;
    }

    @GetMapping("/modules/{module}/mapping")
    public String page(@PathVariable SyncModule module, Model model) {
        MappingEditor.Current current = editor.current(module);
        return render(module, current.table(), Map.of(), null, model);
    }

    @PostMapping("/modules/{module}/mapping")
    public String save(@PathVariable SyncModule module, @RequestParam Map<String, String> form, Principal user,
            Model model, RedirectAttributes flash) {
        MappingTable current = editor.current(module).table();
        List<MappingTable.Record> records = new ArrayList<>();
        for (int r = 0; r < current.records().size(); r++) {
            MappingTable.Record record = current.records().get(r);
            List<MappingTable.Row> rows = new ArrayList<>();
            int count = Integer.parseInt(form.getOrDefault("rows." + r, "0"));
            for (int i = 0; i < count; i++) {
                String p = "f." + r + "." + i + ".";
                String crm = form.getOrDefault(p + "crm", "").trim();
                String inventory = form.getOrDefault(p + "inventory", "").trim();
                String transforms = form.getOrDefault(p + "transforms", "").trim();
                if (form.containsKey(p + "remove") || (crm.isEmpty() && inventory.isEmpty() && transforms.isEmpty())) {
                    continue;
                }
                rows.add(new MappingTable.Row(crm, inventory, form.getOrDefault(p + "direction", "pull"),
                        form.getOrDefault(p + "custom", ""), form.containsKey(p + "onlyOnCreate"), transforms));
            }
            records.add(new MappingTable.Record(record.name(), record.crmModule(), record.inventory(), record.fixed(), rows));
        }
        MappingTable edited = new MappingTable(module.id(), records);
        try {
            int version = editor.saveTable(module, edited, user.getName()).version();
            ConsoleViews.notice(flash, "mapping", "Saved as version " + version + "; in force from the next run on every node.");
            return "redirect:/modules/" + module.id() + "/mapping";
        } catch (MappingEditor.MappingRejectedException e) {
            Map<String, String> atRows = new HashMap<>();
            String general = null;
            for (MappingEditor.Problem p : e.problems()) {
                if (p.at() != null) {
                    atRows.merge(p.at().record() + "." + p.at().row(), p.message(), (a, b) -> a + "; " + b);
                } else {
                    general = (general == null ? "" : general + "; ") + (p.line() > 0 ? "line " + p.line() + ": " : "") + p.message();
                }
            }
            return render(module, edited, atRows, general, model);
        }
    }

    @PostMapping("/modules/{module}/mapping/restore")
    public String restore(@PathVariable SyncModule module, @RequestParam int version, Principal user,
            RedirectAttributes flash) {
        try {
            int saved = editor.restore(module, version, user.getName()).version();
            ConsoleViews.notice(flash, "mapping", "Version " + version + " restored as version " + saved + ".");
        } catch (MappingEditor.MappingRejectedException e) {
            ConsoleViews.refuse(flash, "restore-" + version, e.getMessage());
        }
        return "redirect:/modules/" + module.id() + "/mapping";
    }

    /** The mapping as the XML file (a version, or the one in force), to download. */
    @GetMapping("/modules/{module}/mapping.xml")
    public ResponseEntity<String> export(@PathVariable SyncModule module, @RequestParam(required = false) Integer version) {
        String xml = version == null ? editor.current(module).xml() : editor.xml(module, version);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header("Content-Disposition", "attachment; filename=\"" + module.id() + ".xml\"").body(xml);
    }

    private String render(SyncModule module, MappingTable table, Map<String, String> rowErrors, String error, Model model) {
        List<MappingTable.Record> withBlanks = new ArrayList<>();
        for (MappingTable.Record r : table.records()) {
            List<MappingTable.Row> rows = new ArrayList<>(r.fields());
            for (int i = 0; i < BLANK_ROWS; i++) {
                rows.add(new MappingTable.Row("", "", "pull", "", false, ""));
            }
            withBlanks.add(new MappingTable.Record(r.name(), r.crmModule(), r.inventory(), r.fixed(), rows));
        }
        model.addAttribute("module", module.id());
        model.addAttribute("label", ConsoleViews.label(module));
        model.addAttribute("records", withBlanks);
        model.addAttribute("rowErrors", rowErrors);
        model.addAttribute("error", error);
        model.addAttribute("crmFields", editor.crmFields(table));
        model.addAttribute("inventoryFields", editor.inventoryFields(table));
        model.addAttribute("versions", editor.versions(module));
        model.addAttribute("inForce", editor.current(module).version());
        return "console/mapping";
    }
}
