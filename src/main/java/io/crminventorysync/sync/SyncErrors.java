package io.crminventorysync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.mapping.MappingException;
import io.crminventorysync.sync.RunProgress.Count;
import io.crminventorysync.sync.SyncEnums.SyncDirection;
import io.crminventorysync.sync.pull.PullItem;
import io.crminventorysync.sync.pull.PullSteps;
import java.util.Map;
import org.apache.camel.Exchange;
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

    /** Exchange property: PULL or PUSH; absent means PULL. */
    public static final String DIRECTION = "syncDirection";

    private final SyncRuns runs;
    private final RunStore store;
    private final ObjectMapper json;

    public SyncErrors(SyncRuns runs, RunStore store, ObjectMapper json) {
        this.runs = runs;
        this.store = store;
        this.json = json;
    }

    /** True when the failure ends the whole run rather than one record. */
    public boolean isRunFatal(Exchange exchange) {
        return isFatal(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    /** Named apart from {@link #isRunFatal(Exchange)}: Camel's bean binding must not choose between overloads. */
    public static boolean isFatal(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof ZohoApiException z) {
                return switch (z.kind()) {
                    case CREDENTIALS, UNAUTHORIZED, NO_PERMISSION -> true;
                    default -> false;
                };
            }
        }
        return false;
    }

    public void record(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RunProgress run = runs.progress(exchange);
        String directionName = exchange.getProperty(DIRECTION, "PULL", String.class);
        SyncDirection direction = SyncDirection.valueOf(directionName);
        String recordId = exchange.getProperty(PullSteps.RECORD_ID, String.class);
        String field = fieldOf(failure);
        String reason = reasonOf(failure);
        run.add(direction, Count.FAILED);
        store.addError(run.runId(), direction, "ERROR", recordId, field, reason, excerpt(exchange.getIn().getBody()));
        log.warn("{} error on record {}{}: {}", direction.column(), recordId, field == null ? "" : " (field " + field + ")", reason);
    }

    /**
     * A push error on one record of a batch: the CRM's per-record refusal, or a failure of that record
     * alone, stored against the run with the Inventory record id; the rest of the batch goes on.
     */
    public void recordPush(RunProgress run, String inventoryId, String field, String reason, Object shown) {
        run.add(SyncDirection.PUSH, Count.FAILED);
        store.addError(run.runId(), SyncDirection.PUSH, "ERROR", inventoryId, field, reason, excerpt(shown));
        log.warn("push error on Inventory record {}{}: {}", inventoryId, field == null ? "" : " (field " + field + ")", reason);
    }

    public void recordPush(RunProgress run, String inventoryId, Throwable failure, Object shown) {
        recordPush(run, inventoryId, fieldOf(failure), reasonOf(failure), shown);
    }

    static String fieldOf(Throwable t) {
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
    static String reasonOf(Throwable t) {
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
        Object shown = body instanceof PullItem item ? item.payload() : body;
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
