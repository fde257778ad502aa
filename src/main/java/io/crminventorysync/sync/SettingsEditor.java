package io.crminventorysync.sync;

import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The product's Edit, Save and Save and Sync of a module, for every way of asking (the HTTP API and
 * the console): what a change may be, the CRM views to pick from, the audit entry. One place, so the
 * console refuses what the API refuses, with the same words.
 */
@Component
public class SettingsEditor {

    private final ModuleSettingsStore settings;
    private final ModuleControl control;
    private final CrmClient crm;
    private final AuditLog audit;

    public SettingsEditor(ModuleSettingsStore settings, ModuleControl control, CrmClient crm, AuditLog audit) {
        this.settings = settings;
        this.control = control;
        this.crm = crm;
        this.audit = audit;
    }

    /**
     * A change of settings; a field left null keeps its stored value, an empty crmViewId clears the view.
     */
    public record Change(Boolean enabled, Direction direction, DuplicatePolicy duplicatePolicy,
            ConflictPolicy conflictPolicy, DeletePolicy deletePolicy, String crmViewId, CrmSide crmSide, String cron,
            String reconcileCron) {
    }

    /** One CRM custom view a module can read from. */
    public record CrmView(String id, String name) {
    }

    /** Asked for the views of a module that reads no view (products): the product offers none. */
    public static class NoViewsException extends RuntimeException {
        public NoViewsException(SyncModule module) {
            super("module " + module + " has no CRM view to choose: the whole of CRM Products is synced"
                    + " (views are for accounts and vendors)");
        }
    }

    /** The result of Save and Sync: the stored settings, and the run or why none started. */
    public record Saved(ModuleSettings settings, Long runId, RunRefusedException refused) {
    }

    /**
     * The module's CRM custom views: of Accounts (or of Contacts when accounts sync Contacts only), of
     * Vendors; {@code side} is the CRM side to list them for (null: the stored one).
     */
    public List<CrmView> views(SyncModule module, CrmSide side) {
        String crmModule = crmModule(module, side != null ? side : settings.get(module).crmSide());
        List<CrmView> out = new ArrayList<>();
        crm.customViews(crmModule).forEach(v -> out.add(new CrmView(v.id(), v.displayValue() != null ? v.displayValue() : v.name())));
        return out;
    }

    /**
     * Checks and stores a change, and writes who made it to the audit log. A view CRM does not have
     * for the module (a typo, a view of another module) is refused naming {@code crmViewId}, and
     * nothing is stored.
     */
    public ModuleSettings save(SyncModule module, Change change, String user) {
        ModuleSettings current = settings.get(module);
        ModuleSettings next = new ModuleSettings(module,
                change.direction() != null ? change.direction() : current.direction(),
                change.duplicatePolicy() != null ? change.duplicatePolicy() : current.duplicatePolicy(),
                change.conflictPolicy() != null ? change.conflictPolicy() : current.conflictPolicy(),
                change.deletePolicy() != null ? change.deletePolicy() : current.deletePolicy(),
                change.crmViewId() != null ? change.crmViewId().trim() : current.crmViewId(),
                change.crmSide() != null ? change.crmSide() : current.crmSide(),
                change.cron() != null ? change.cron() : current.cron(),
                change.reconcileCron() != null ? change.reconcileCron() : current.reconcileCron(),
                current.paused(), current.pausedReason(), current.updatedAt(),
                change.enabled() != null ? change.enabled() : current.enabled());
        ModuleSettingsStore.validate(next);
        boolean viewChanged = !Objects.equals(blankToNull(next.crmViewId()), current.crmViewId())
                || next.crmSide() != current.crmSide();
        if (next.hasView() && viewChanged) {
            checkView(module, next);
        }
        // switching the module on or off alone changes no mapped setting: no save, so no full re-read
        ModuleSettings saved = sameExceptEnabled(current, next) ? current : settings.save(next);
        if (next.enabled() != current.enabled()) {
            settings.setEnabled(module, next.enabled());
            saved = settings.get(module);
        }
        audit.record(user, AuditLog.SETTINGS_SAVED, module.id(), null, changes(current, saved));
        return saved;
    }

    /**
     * Save and Sync: stores the change, then starts a run on it. A run the rules refuse (paused, in
     * progress) leaves the settings stored; {@link Saved#refused()} says why no run started.
     */
    public Saved saveAndSync(SyncModule module, Change change, String user) {
        ModuleSettings saved = save(module, change, user);
        try {
            long runId = control.start(module, Trigger.SAVE);
            audit.record(user, AuditLog.SYNC_STARTED, module.id(), "run " + runId, "settings saved with sync");
            return new Saved(saved, runId, null);
        } catch (RunRefusedException refused) {
            return new Saved(saved, null, refused);
        }
    }

    private void checkView(SyncModule module, ModuleSettings next) {
        String id = next.crmViewId().trim();
        List<CrmView> views = views(module, next.crmSide());
        if (views.stream().noneMatch(v -> v.id().equals(id))) {
            throw new InvalidSettingException("crmViewId", "crmViewId: CRM has no custom view " + id + " of "
                    + crmModule(module, next.crmSide()) + " (GET /api/modules/" + module.id() + "/views lists them)");
        }
    }

    private static boolean sameExceptEnabled(ModuleSettings a, ModuleSettings b) {
        return a.direction() == b.direction() && a.duplicatePolicy() == b.duplicatePolicy()
                && a.conflictPolicy() == b.conflictPolicy() && a.deletePolicy() == b.deletePolicy()
                && Objects.equals(a.crmViewId(), blankToNull(b.crmViewId())) && a.crmSide() == b.crmSide()
                && Objects.equals(a.cron(), b.cron()) && Objects.equals(a.reconcileCron(), b.reconcileCron());
    }

    private static String crmModule(SyncModule module, CrmSide side) {
        return switch (module) {
            case ACCOUNTS -> side == CrmSide.CONTACTS ? "Contacts" : "Accounts";
            case VENDORS -> "Vendors";
            case PRODUCTS -> throw new NoViewsException(module);
        };
    }

    /** What a save changed, field by field, for the audit log. */
    private static String changes(ModuleSettings before, ModuleSettings after) {
        List<String> out = new ArrayList<>();
        change(out, "enabled", before.enabled(), after.enabled());
        change(out, "direction", before.direction(), after.direction());
        change(out, "duplicatePolicy", before.duplicatePolicy(), after.duplicatePolicy());
        change(out, "conflictPolicy", before.conflictPolicy(), after.conflictPolicy());
        change(out, "deletePolicy", before.deletePolicy(), after.deletePolicy());
        change(out, "crmViewId", before.crmViewId(), after.crmViewId());
        change(out, "crmSide", before.crmSide(), after.crmSide());
        change(out, "cron", before.cron(), after.cron());
        change(out, "reconcileCron", before.reconcileCron(), after.reconcileCron());
        return out.isEmpty() ? "nothing changed" : String.join("; ", out);
    }

    private static void change(List<String> out, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(name + " " + before + " -> " + after);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
