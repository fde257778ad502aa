package io.crminventorysync.web;

import io.crminventorysync.sync.ControlRefusedException;
import io.crminventorysync.sync.InvalidSettingException;
import io.crminventorysync.sync.RunRefusedException;
import io.crminventorysync.sync.SettingsEditor;
import io.crminventorysync.sync.SyncModule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the console's pages share: the modules' names as the product description says them, and
 * how a refusal of the rules reaches the page (the same message the API answers, shown next to the
 * control that asked, through a flash attribute keyed by that control).
 */
final class ConsoleViews {

    /** Flash attribute: control key (e.g. {@code pause-accounts}) to the refusal's message. */
    static final String REFUSALS = "refusals";
    /** Flash attribute: control key to what was done (e.g. "Run 12 started"). */
    static final String NOTICES = "notices";

    private ConsoleViews() {
    }

    static String label(SyncModule module) {
        return switch (module) {
            case ACCOUNTS -> "Accounts & Contacts";
            case VENDORS -> "Vendors";
            case PRODUCTS -> "Products";
        };
    }

    static Map<String, String> labels() {
        Map<String, String> out = new LinkedHashMap<>();
        for (SyncModule m : SyncModule.values()) {
            out.put(m.id(), label(m));
        }
        return out;
    }

    /**
     * Does what the operator asked; a refusal of the rules (run refused, control refused, bad
     * setting, unknown error or pair) becomes the message next to the control {@code key}.
     *
     * @return what the action returned, or null when it was refused
     */
    static <T> T attempt(RedirectAttributes flash, String key, Supplier<T> action) {
        try {
            return action.get();
        } catch (RunRefusedException | ControlRefusedException | InvalidSettingException
                | SettingsEditor.NoViewsException e) {
            refuse(flash, key, e.getMessage());
        } catch (RuntimeException e) {
            if (!isOperatorMistake(e)) {
                throw e;
            }
            refuse(flash, key, e.getMessage());
        }
        return null;
    }

    /** Flash attribute: module id to the run whose progress its card shows (a run just started). */
    static final String WATCH = "watch";

    static void watch(RedirectAttributes flash, SyncModule module, long runId) {
        map(flash, WATCH).put(module.id(), String.valueOf(runId));
    }

    static void refuse(RedirectAttributes flash, String key, String message) {
        map(flash, REFUSALS).put(key, message);
    }

    static void notice(RedirectAttributes flash, String key, String message) {
        map(flash, NOTICES).put(key, message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(RedirectAttributes flash, String name) {
        Object existing = flash.getFlashAttributes().get(name);
        if (existing instanceof Map<?, ?> m) {
            return (Map<String, String>) m;
        }
        Map<String, String> created = new LinkedHashMap<>();
        flash.addFlashAttribute(name, created);
        return created;
    }

    /** The not-found refusals of the operator actions: an error or pair that is gone, an unbound account. */
    private static boolean isOperatorMistake(RuntimeException e) {
        return e instanceof io.crminventorysync.sync.Worklist.ErrorNotFoundException
                || e instanceof io.crminventorysync.sync.Unlinks.PairNotBoundException
                || e instanceof io.crminventorysync.sync.AccountTransactions.AccountNotBoundException;
    }
}
