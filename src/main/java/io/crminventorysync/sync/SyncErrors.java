package io.crminventorysync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.mapping.MappingException;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.SyncEnums.Flow;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The error channel of the routes (routes/sync-errors.xml): a record that fails is stored against
 * the run with its id, the reason, the field at fault and a short excerpt, and the run goes on. A
 * failure no other record could escape (refused credentials, missing permission) stops the run.
 */
@Component("syncErrors")
public class SyncErrors {

    private static final Logger log = LoggerFactory.getLogger(SyncErrors.class);
    private static final int EXCERPT = 500;

    private final RunStore store;
    private final ObjectMapper json;
    private final PlanBook plans;

    public SyncErrors(RunStore store, ObjectMapper json, PlanBook plans) {
        this.store = store;
        this.json = json;
        this.plans = plans;
    }

    /** True when the failure ends the whole run rather than one record. */
    public boolean isRunFatal(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        return isFatal(failure);
    }

    /** The failure is a spent daily API budget: the run stops, PARTIAL, and the next runs carry on. */
    public static boolean isDailyLimit(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof ZohoApiException z) {
                return z.kind() == ZohoApiException.Kind.DAILY_LIMIT;
            }
        }
        return false;
    }

    /** Named apart from {@link #isRunFatal}: Camel's bean binding must not choose between overloads. */
    public static boolean isFatal(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof ZohoApiException z) {
                return switch (z.kind()) {
                    // a spent daily budget stops the run too (cleanly: PARTIAL, see SyncRuns.close)
                    case CREDENTIALS, UNAUTHORIZED, NO_PERMISSION, DAILY_LIMIT -> true;
                    default -> false;
                };
            }
        }
        return false;
    }

    /**
     * The error channel: the failed record is stored against the run, in the flow the exchange is in
     * (a pull unless the push said otherwise), with the id the route noted, and the run goes on.
     */
    public void onFailure(@ExchangeProperty(SyncExchange.RUN) RunProgress run, @ExchangeProperty(SyncExchange.FLOW) Flow flow,
            @ExchangeProperty(SyncExchange.RECORD_ID) String recordId,
            @ExchangeProperty(SyncExchange.RECORD_NAME) String recordName,
            @ExchangeProperty(SyncExchange.RECORD) RecordType type,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure, @Body Object body) {
        Flow f = flow == null ? Flow.PULL : flow;
        if (body instanceof Excerpted e && e.records() > 1) {
            // a new customer's contacts fail with it: every record read ends in one count
            run.add(f, Count.FAILED, e.records() - 1);
        }
        record(run, f, type, recordId, recordName, fieldOf(failure), reasonOf(failure), body);
    }

    /**
     * One failed record, stored against the run with its id (the CRM id on a pull, the Inventory id
     * on a push), the field at fault, the reason and what was being written; the rest goes on.
     */
    public void record(RunProgress run, Flow flow, String recordId, String field, String reason, Object shown) {
        record(run, flow, shown instanceof Excerpted e ? e.type() : null, recordId,
                shown instanceof Excerpted e ? e.name() : null, field, reason, shown);
    }

    /** As {@link #record(RunProgress, Flow, String, String, String, Object)}, with the record's type and name. */
    public void record(RunProgress run, Flow flow, RecordType type, String recordId, String recordName, String field,
            String reason, Object shown) {
        run.add(flow, Count.FAILED);
        store.addError(run.runId(), flow, EntryKind.ERROR, type, recordId, recordName, field, reason, excerpt(shown));
        if (run.dryRun()) {
            plans.add(run, flow, PlanBook.Action.ERROR, flow == Flow.PULL ? recordId : null,
                    flow == Flow.PUSH ? recordId : null, recordName, null, reason);
        }
        log.warn("{} error on record {}{}: {}", flow.column(), recordId, field == null ? "" : " (field " + field + ")", reason);
    }

    /** A failure of one record that did not come through the error channel (a batch's per-record result). */
    public void record(RunProgress run, Flow flow, String recordId, Throwable failure, Object shown) {
        record(run, flow, recordId, fieldOf(failure), reasonOf(failure), shown);
    }

    public static String fieldOf(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof ZohoApiException z && z.field() != null) {
                return z.field();
            }
            if (t instanceof MappingException m && m.field() != null) {
                return m.field();
            }
        }
        return null;
    }

    /**
     * The message that says what went wrong: Camel wraps a bean's exception ("Exception occurred
     * during execution on the exchange"), so the cause that carries the API's or the mapping's
     * reason is looked for first, then the innermost message.
     */
    public static String reasonOf(Throwable t) {
        if (t == null) {
            return "unknown failure";
        }
        String innermost = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ZohoApiException || c instanceof MappingException) {
                return c.getMessage();
            }
            if (c.getMessage() != null) {
                innermost = c instanceof org.apache.camel.CamelExecutionException ? innermost
                        : c.getClass().getSimpleName() + ": " + c.getMessage();
            }
        }
        return innermost == null ? t.getClass().getSimpleName() : innermost;
    }

    private String excerpt(Object body) {
        Object shown = body instanceof Excerpted e ? e.shown() : body;
        if (shown == null) {
            return null;
        }
        try {
            String s = shown instanceof Map<?, ?> || shown instanceof Iterable<?> ? json.writeValueAsString(shown) : shown.toString();
            return s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "…";
        } catch (Exception e) {
            return null;
        }
    }
}
