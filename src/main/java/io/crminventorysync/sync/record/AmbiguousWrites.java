package io.crminventorysync.sync.record;

import io.crminventorysync.config.HttpSettings;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.http.Backoff;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoApiException.Kind;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A create whose answer never came, or came as a 5xx, may have happened or not: such a create is
 * never repeated blindly (that would make the record twice) and never left for the next run (that
 * leaves it missing for hours). It is settled in the same run: the record is looked up by its key;
 * found, it is the one we made; not found, the create is sent again, a bounded number of times with
 * backoff ({@code sync.http.max-retries}, {@code sync.http.initial-backoff}). A resend that meets
 * "already exists" means an earlier attempt landed after all, and the record found by its key is it.
 */
@Component
public class AmbiguousWrites {

    private static final Logger log = LoggerFactory.getLogger(AmbiguousWrites.class);

    private final SyncProperties properties;

    public AmbiguousWrites(SyncProperties properties) {
        this.properties = properties;
    }

    /**
     * @param what   how the record reads in the log, e.g. "contact 'Aztec Technologies'"
     * @param send   the create
     * @param landed the record as the other side holds it under the create's key, if it does
     * @param unsent what to undo when the create surely never reached the other side (a spent daily
     *               budget refuses it before it is sent, or is Zoho's answer): the journal entry of the create
     */
    public <T> T create(String what, Supplier<T> send, Supplier<Optional<T>> landed, Runnable unsent) {
        try {
            return create(what, send, landed);
        } catch (ZohoApiException e) {
            if (e.kind() == Kind.DAILY_LIMIT) {
                unsent.run();
            }
            throw e;
        }
    }

    private <T> T create(String what, Supplier<T> send, Supplier<Optional<T>> landed) {
        HttpSettings http = properties.getHttp();
        Backoff backoff = new Backoff(http.getInitialBackoff(), http.getMaxBackoff());
        boolean sentBefore = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return send.get();
            } catch (ZohoApiException e) {
                if (e.kind() == Kind.DUPLICATE && sentBefore) {
                    Optional<T> found = landed.get();
                    if (found.isPresent()) {
                        log.info("Create of {} had landed after all; adopting it", what);
                        return found.get();
                    }
                    throw e;
                }
                if (!isAmbiguous(e)) {
                    throw e;
                }
                sentBefore = true;
                Optional<T> found = landed.get();
                if (found.isPresent()) {
                    log.info("Create of {} was answered {} but had happened; adopting it", what, e.kind());
                    return found.get();
                }
                if (attempt > http.getMaxRetries()) {
                    throw e;
                }
                log.info("Create of {} was answered {} and did not happen; sending it again ({} of {})", what, e.kind(),
                        attempt, http.getMaxRetries());
                Backoff.sleep(backoff.delay(attempt), e.api(), what);
            }
        }
    }

    /** A failure after which the write may or may not have taken effect: a 5xx, a timeout, a broken connection. */
    public static boolean isAmbiguous(ZohoApiException e) {
        return e.kind() == Kind.SERVER || e.kind() == Kind.TRANSPORT;
    }
}
