package io.crminventorysync.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.crminventorysync.mapping.MappingVersions;
import io.crminventorysync.sync.MappingEditor;
import io.crminventorysync.sync.SettingsEditor;
import io.crminventorysync.sync.AccountTransactions;
import io.crminventorysync.sync.ControlRefusedException;
import io.crminventorysync.sync.InvalidSettingException;
import io.crminventorysync.sync.RunNotFoundException;
import io.crminventorysync.sync.RunRefusedException;
import io.crminventorysync.sync.UnknownModuleException;
import io.crminventorysync.sync.Unlinks;
import io.crminventorysync.sync.Worklist;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals of the HTTP API in its one shape, {@code {"error": "...", "field": ..., "reason": ...}}
 * ({@link ApiErrorBody}), with the status the contract names: 400 bad value or malformed JSON (with
 * line and column), 404 unknown thing, 409 refused by the rules (with the rule's reason code), 413
 * too large. Errors outside a controller (404 path, 405, 415) get the same shape from
 * {@link ApiErrorAttributes}, security refusals (401, 403) from the security handlers.
 */
@RestControllerAdvice(assignableTypes = {ControlController.class, OperatorController.class, AuditController.class,
        MappingController.class})
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
        return answer(HttpStatus.BAD_REQUEST, e.getMessage(), e.field(), ApiErrorBody.INVALID_VALUE);
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Map<String, Object>> badRequest(BadRequestException e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage(), e.field, ApiErrorBody.INVALID_VALUE);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), e.field, ApiErrorBody.NOT_FOUND);
    }

    @ExceptionHandler(SettingsEditor.NoViewsException.class)
    ResponseEntity<Map<String, Object>> noViews(SettingsEditor.NoViewsException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), "module", ApiErrorBody.NOT_FOUND);
    }

    /**
     * A mapping refused by the schema, the rules or CRM's metadata: 400 naming the row of a JSON save
     * ({@code records[r].fields[i]}), else the line of the XML; {@code problems} lists them all.
     */
    @ExceptionHandler(MappingEditor.MappingRejectedException.class)
    ResponseEntity<Map<String, Object>> mappingRejected(MappingEditor.MappingRejectedException e) {
        MappingEditor.Problem first = e.problems().get(0);
        Map<String, Object> body = ApiErrorBody.of(e.getMessage(), where(first), ApiErrorBody.INVALID_VALUE);
        body.put("problems", e.problems().stream().map(p -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("field", where(p));
            m.put("line", p.line() > 0 ? p.line() : null);
            m.put("error", p.message());
            return m;
        }).toList());
        return ResponseEntity.badRequest().body(body);
    }

    private static String where(MappingEditor.Problem p) {
        if (p.at() != null) {
            return "records[" + p.at().record() + "].fields[" + p.at().row() + "]";
        }
        return p.line() > 0 ? "line " + p.line() : null;
    }

    @ExceptionHandler(MappingVersions.VersionNotFoundException.class)
    ResponseEntity<Map<String, Object>> unknownVersion(MappingVersions.VersionNotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), "version", ApiErrorBody.NOT_FOUND);
    }

    @ExceptionHandler(UnknownModuleException.class)
    ResponseEntity<Map<String, Object>> unknownModule(UnknownModuleException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), "module", ApiErrorBody.NOT_FOUND);
    }

    @ExceptionHandler(AccountTransactions.AccountNotBoundException.class)
    ResponseEntity<Map<String, Object>> accountNotBound(AccountTransactions.AccountNotBoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), "crmAccountId", ApiErrorBody.NOT_FOUND);
    }

    @ExceptionHandler(Worklist.ErrorNotFoundException.class)
    ResponseEntity<Map<String, Object>> unknownError(Worklist.ErrorNotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), "errorId", ApiErrorBody.NOT_FOUND);
    }

    @ExceptionHandler(Unlinks.PairNotBoundException.class)
    ResponseEntity<Map<String, Object>> notBound(Unlinks.PairNotBoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), "crmId", ApiErrorBody.NOT_FOUND);
    }

    @ExceptionHandler(RunNotFoundException.class)
    ResponseEntity<Map<String, Object>> unknownRun(RunNotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), "runId", ApiErrorBody.NOT_FOUND);
    }

    /** 409 with the reason (PAUSED, IN_PROGRESS) and, when a run is in progress, its id. */
    @ExceptionHandler(RunRefusedException.class)
    ResponseEntity<Map<String, Object>> runRefused(RunRefusedException e) {
        Map<String, Object> body = ApiErrorBody.of(e.getMessage(), null, e.reason().name());
        if (e.runningRunId() != null) {
            body.put("runId", e.runningRunId());
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    /** A refusal of the control rules, with the rule's reason code (NOT_PAUSABLE, MODULES_PAUSED, NOT_OPEN, ...). */
    @ExceptionHandler(ControlRefusedException.class)
    ResponseEntity<Map<String, Object>> controlRefused(ControlRefusedException e) {
        return answer(HttpStatus.CONFLICT, e.getMessage(), null, e.reason().name());
    }

    /**
     * A body Jackson cannot read: malformed JSON is named by line and column; a value of the wrong
     * type names the JSON field (e.g. an unknown duplicatePolicy value); a body over the size limit is 413.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiBodyLimit.TooLargeException tooLarge) {
                return answer(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), null, ApiErrorBody.TOO_LARGE);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BadRequestException bad) {
                // thrown while reading the body (a field the request type refuses to ignore)
                return badRequest(bad);
            }
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return answer(HttpStatus.BAD_REQUEST, "unknown field '" + unknown.getPropertyName() + "'; known fields: "
                    + unknown.getKnownPropertyIds(), unknown.getPropertyName(), ApiErrorBody.INVALID_VALUE);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("."));
            String message = mismatch instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()
                    ? "'" + invalid.getValue() + "' is not one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants())
                    : "not a valid value";
            return answer(HttpStatus.BAD_REQUEST, field + ": " + message, field, ApiErrorBody.INVALID_VALUE);
        }
        if (e.getCause() instanceof JsonProcessingException json && json.getLocation() != null) {
            JsonLocation at = json.getLocation();
            return answer(HttpStatus.BAD_REQUEST, "malformed JSON at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": " + json.getOriginalMessage(), null, ApiErrorBody.MALFORMED_JSON);
        }
        return answer(HttpStatus.BAD_REQUEST, "the request body is missing or is not JSON for this call", null,
                ApiErrorBody.MALFORMED_JSON);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof UnknownModuleException unknown) {
                // a module named in the path that does not exist (the path converter refused it)
                return unknownModule(unknown);
            }
        }
        return answer(HttpStatus.BAD_REQUEST, e.getName() + ": '" + e.getValue() + "' is not a valid value", e.getName(),
                ApiErrorBody.INVALID_VALUE);
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String error, String field, String reason) {
        return ResponseEntity.status(status).body(ApiErrorBody.of(error, field, reason));
    }
}
