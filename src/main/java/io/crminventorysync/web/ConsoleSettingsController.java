package io.crminventorysync.web;

import io.crminventorysync.sync.InvalidSettingException;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.ModuleSettingsStore;
import io.crminventorysync.sync.SettingsEditor;
import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncModule;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's module settings (issue 15, page 2), in the product description's order: whether the
 * module syncs at all, the CRM side, the CRM view, direction, duplicates, conflicts, deletes, the
 * schedule; Save, and Save and Sync. Saved through {@link SettingsEditor}, as {@code PUT
 * /api/modules/{m}/settings} is: a value the API refuses is refused here with the same message,
 * shown at its field, and nothing is saved.
 */
@Controller
public class ConsoleSettingsController {

    private final ModuleSettingsStore settings;
    private final SettingsEditor editor;

    public ConsoleSettingsController(ModuleSettingsStore settings, SettingsEditor editor) {
        this.settings = settings;
        this.editor = editor;
    }

    @GetMapping("/modules/{module}")
    public String page(@PathVariable SyncModule module, Model model) {
        return render(module, form(settings.get(module)), null, null, model);
    }

    /** Save ({@code action=save}) or Save and Sync ({@code action=sync}). */
    @PostMapping("/modules/{module}")
    public String save(@PathVariable SyncModule module, @RequestParam Map<String, String> form,
            Principal user, Model model, RedirectAttributes flash) {
        Map<String, String> submitted = new LinkedHashMap<>(form);
        submitted.put("enabled", String.valueOf(form.containsKey("enabled")));
        SettingsEditor.Change change;
        try {
            change = change(module, submitted);
            if (!"sync".equals(form.get("action"))) {
                editor.save(module, change, user.getName());
                ConsoleViews.notice(flash, "save", "Saved.");
                return "redirect:/modules/" + module.id();
            }
            SettingsEditor.Saved saved = editor.saveAndSync(module, change, user.getName());
            if (saved.refused() != null) {
                ConsoleViews.refuse(flash, "save-sync", saved.refused().getMessage() + "; the settings were saved");
                return "redirect:/modules/" + module.id();
            }
            ConsoleViews.notice(flash, "sync-" + module.id(), "Settings saved; run " + saved.runId() + " started");
            ConsoleViews.watch(flash, module, saved.runId());
            return "redirect:/#" + module.id();
        } catch (InvalidSettingException e) {
            return render(module, submitted, e.field(), e.getMessage(), model);
        }
    }

    private String render(SyncModule module, Map<String, String> form, String errorField, String error, Model model) {
        model.addAttribute("module", module.id());
        model.addAttribute("label", ConsoleViews.label(module));
        model.addAttribute("form", form);
        model.addAttribute("errorField", errorField);
        model.addAttribute("error", error);
        model.addAttribute("hasViews", module != SyncModule.PRODUCTS);
        if (module != SyncModule.PRODUCTS) {
            try {
                CrmSide side = form.get("crmSide") == null || form.get("crmSide").isBlank() ? null : CrmSide.valueOf(form.get("crmSide"));
                model.addAttribute("views", editor.views(module, side));
            } catch (RuntimeException e) {
                // CRM unreachable: the view can still be typed as its id, and is checked on save
                model.addAttribute("views", List.of());
                model.addAttribute("viewsError", "CRM's views could not be read: " + e.getMessage());
            }
        }
        return "console/settings";
    }

    private static Map<String, String> form(ModuleSettings s) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("enabled", String.valueOf(s.enabled()));
        f.put("crmSide", s.crmSide() == null ? "" : s.crmSide().name());
        f.put("crmViewId", s.crmViewId() == null ? "" : s.crmViewId());
        f.put("direction", s.direction().name());
        f.put("duplicatePolicy", s.duplicatePolicy().name());
        f.put("conflictPolicy", s.conflictPolicy().name());
        f.put("deletePolicy", s.deletePolicy().name());
        f.put("cron", s.cron());
        f.put("reconcileCron", s.reconcileCron());
        return f;
    }

    private static SettingsEditor.Change change(SyncModule module, Map<String, String> f) {
        return new SettingsEditor.Change(Boolean.valueOf(f.get("enabled")),
                value(f, "direction", Direction::valueOf), value(f, "duplicatePolicy", DuplicatePolicy::valueOf),
                value(f, "conflictPolicy", ConflictPolicy::valueOf), value(f, "deletePolicy", DeletePolicy::valueOf),
                module == SyncModule.PRODUCTS ? null : f.getOrDefault("crmViewId", ""),
                module == SyncModule.ACCOUNTS ? value(f, "crmSide", CrmSide::valueOf) : null,
                blankToNull(f.get("cron")), blankToNull(f.get("reconcileCron")));
    }

    /** A choice the form offers; anything else (a forged value) is refused naming the field. */
    private static <E> E value(Map<String, String> f, String field, Function<String, E> parse) {
        String v = f.get(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return parse.apply(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(field, field + ": '" + v + "' is not one of the choices");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
