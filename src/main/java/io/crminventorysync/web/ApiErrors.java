package io.crminventorysync.web;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.crminventorysync.sync.AccountTransactions;
import io.crminventorysync.sync.ControlRefusedException;
import io.crminventorysync.sync.InvalidSettingException;
import io.crminventorysync.sync.RunNotFoundException;
import io.crminventorysync.sync.RunRefusedException;
import io.crminventorysync.sync.UnknownModuleException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals of the HTTP API as {@code {"error": "...", "field": "..."}} (field where one is at fault),
 * with the status the contract names: 400 bad value, 404 unknown thing, 409 refused by the rules.
 */
@RestControllerAdvice(assignableTypes = {ControlController.class, OperatorController.class})
public class ApiErrors {

    /** A request value that is wrong in itself. */
    public static class BadRequestException extends RuntimeException {
        final String field;

        public BadRequestException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    /** Something named in the path that does not exist. */
    public static class NotFoundException extends RuntimeException {
        final String field;

        public NotFoundException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    @ExceptionHandler(InvalidSettingException.class)
    ResponseEntity<Map<String, Object>> invalidSetting(InvalidSettingException e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage(), e.field());
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Map<String, Object>> badRequest(BadRequestException e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage(), e.field);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), e.field);
    }

    @ExceptionHandler(UnknownModuleException.class)
    ResponseEntity<Map<String, Object>> unknownModule(UnknownModuleException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), "module");
    }

    @ExceptionHandler(AccountTransactions.AccountNotBoundException.class)
    ResponseEntity<Map<String, Object>> accountNotBound(AccountTransactions.AccountNotBoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), "crmAccountId");
    }

    @ExceptionHandler(RunNotFoundException.class)
    ResponseEntity<Map<String, Object>> unknownRun(RunNotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), "runId");
    }

    /** 409 with the reason (PAUSED, IN_PROGRESS) and, when a run is in progress, its id. */
    @ExceptionHandler(RunRefusedException.class)
    ResponseEntity<Map<String, Object>> runRefused(RunRefusedException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("reason", e.reason().name());
        if (e.runningRunId() != null) {
            body.put("runId", e.runningRunId());
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    @ExceptionHandler(ControlRefusedException.class)
    ResponseEntity<Map<String, Object>> controlRefused(ControlRefusedException e) {
        return answer(HttpStatus.CONFLICT, e.getMessage(), null);
    }

    /** A body Jackson cannot read: names the JSON field (e.g. an unknown duplicatePolicy value). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("."));
            String message = mismatch instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()
                    ? "'" + invalid.getValue() + "' is not one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants())
                    : "not a valid value";
            return answer(HttpStatus.BAD_REQUEST, field + ": " + message, field);
        }
        return answer(HttpStatus.BAD_REQUEST, "the request body is not valid JSON for this call", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof UnknownModuleException unknown) {
                // a module named in the path that does not exist (the path converter refused it)
                return unknownModule(unknown);
            }
        }
        return answer(HttpStatus.BAD_REQUEST, e.getName() + ": '" + e.getValue() + "' is not a valid value", e.getName());
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String error, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (field != null) {
            body.put("field", field);
        }
        return ResponseEntity.status(status).body(body);
    }
}
