package io.crminventorysync.web;

import io.crminventorysync.sync.AuditLog;
import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.ModuleState;
import io.crminventorysync.sync.RunNotFoundException;
import io.crminventorysync.sync.RunRequest;
import io.crminventorysync.sync.RunWatch;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's overview (issue 15, page 1): the three modules as cards, with Instant Sync, Pause
 * and Resume, and a live progress bar while a run goes. Every action calls the services the HTTP
 * API calls ({@link ModuleControl}), and writes the same audit entry, so a refusal here is the
 * API's refusal with the same words, shown next to the button.
 */
@Controller
public class ConsoleController {

    private final ModuleControl control;
    private final RunWatch watch;
    private final AuditLog audit;

    public ConsoleController(ModuleControl control, RunWatch watch, AuditLog audit) {
        this.control = control;
        this.watch = watch;
        this.audit = audit;
    }

    @GetMapping("/")
    public String overview(Model model) {
        List<ModuleState> modules = Arrays.stream(SyncModule.values()).map(control::state).toList();
        model.addAttribute("modules", modules);
        model.addAttribute("labels", ConsoleViews.labels());
        model.addAttribute("budget", modules.get(0).apiBudget());
        return "console/overview";
    }

    @PostMapping("/modules/{module}/sync")
    public String instantSync(@PathVariable SyncModule module, Principal user, RedirectAttributes flash) {
        Long runId = ConsoleViews.attempt(flash, "sync-" + module.id(), () -> control.start(module, Trigger.INSTANT));
        if (runId != null) {
            audit.record(user.getName(), AuditLog.SYNC_STARTED, module.id(), "run " + runId, "console");
            ConsoleViews.notice(flash, "sync-" + module.id(), "Run " + runId + " started");
            ConsoleViews.watch(flash, module, runId);
        }
        return "redirect:/#" + module.id();
    }

    @PostMapping("/modules/{module}/pause")
    public String pause(@PathVariable SyncModule module, Principal user, RedirectAttributes flash) {
        boolean wasPaused = control.state(module).paused();
        Object done = ConsoleViews.attempt(flash, "pause-" + module.id(),
                () -> control.pause(module, "paused in the console by " + user.getName()));
        if (done != null && !wasPaused) {
            audit.record(user.getName(), AuditLog.PAUSED, module.id(), null, "console");
        }
        return "redirect:/#" + module.id();
    }

    @PostMapping("/modules/{module}/resume")
    public String resume(@PathVariable SyncModule module, Principal user, RedirectAttributes flash) {
        boolean wasPaused = control.state(module).paused();
        control.resume(module, "resumed in the console by " + user.getName());
        if (wasPaused) {
            audit.record(user.getName(), AuditLog.RESUMED, module.id(), null, "console");
        }
        return "redirect:/#" + module.id();
    }

    /** A preview (dry run): its plan is on the run's page. */
    @PostMapping("/modules/{module}/preview")
    public String preview(@PathVariable SyncModule module, Principal user, RedirectAttributes flash) {
        Long runId = ConsoleViews.attempt(flash, "preview-" + module.id(), () -> control.start(module, RunRequest.preview()));
        if (runId == null) {
            return "redirect:/#" + module.id();
        }
        audit.record(user.getName(), AuditLog.PREVIEW_STARTED, module.id(), "run " + runId, "console");
        return "redirect:/runs/" + runId;
    }

    /** The progress bar of one run (an htmx fragment that asks again every second until the run ends). */
    @GetMapping("/runs/{runId}/progress")
    public String progress(@PathVariable long runId, Model model) {
        model.addAttribute("look", watch.look(runId).orElseThrow(() -> new RunNotFoundException(runId)));
        return "console/fragments :: progress";
    }
}
