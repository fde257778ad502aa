package io.crminventorysync.sync;

/**
 * A pause, resume, switch or operator action the product's rules do not allow (pausing accounts,
 * pausing while the transaction modules are on, retrying an error that is no longer OPEN, ...). The
 * HTTP API answers 409 with the message and the rule's {@link Reason}; the MBean and the
 * route-suspend hook report the same message.
 */
public class ControlRefusedException extends RuntimeException {

    /** Which rule refused: the {@code reason} of the HTTP API's 409. */
    public enum Reason {
        /** Only vendors and products can be paused. */
        NOT_PAUSABLE,
        /** No module is paused while the transaction modules are on. */
        TRANSACTION_MODULES_ENABLED,
        /** The transaction modules are not enabled while a module is paused. */
        MODULES_PAUSED,
        /** A worklist entry that is no longer OPEN, or a module with no OPEN error to retry. */
        NOT_OPEN
    }

    private final Reason reason;

    public ControlRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
