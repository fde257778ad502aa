package io.crminventorysync.web;

import io.crminventorysync.mapping.MappingVersions;
import io.crminventorysync.sync.RunNotFoundException;
import io.crminventorysync.sync.UnknownModuleException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The console's answer to an address naming something that does not exist (a module, a run, a
 * mapping version): a page that says which, with the status 404, instead of a server error.
 */
@ControllerAdvice(assignableTypes = {ConsoleController.class, ConsoleSettingsController.class,
        ConsoleMappingController.class, ConsoleHistoryController.class, ConsoleTransactionsController.class})
public class ConsoleErrors {

    @ExceptionHandler({RunNotFoundException.class, UnknownModuleException.class,
            MappingVersions.VersionNotFoundException.class})
    String notFound(RuntimeException e, Model model, HttpServletResponse response) {
        return page(404, e.getMessage(), model, response);
    }

    /** A path value of the wrong kind: an unknown module name, a run id that is not a number. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String badPath(MethodArgumentTypeMismatchException e, Model model, HttpServletResponse response) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof UnknownModuleException unknown) {
                return page(404, unknown.getMessage(), model, response);
            }
        }
        return page(400, e.getName() + ": '" + e.getValue() + "' is not a valid value", model, response);
    }

    private static String page(int status, String message, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        return "console/error";
    }
}
