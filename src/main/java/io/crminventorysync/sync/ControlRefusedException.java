package io.crminventorysync.sync;

/**
 * A pause, resume or switch the product's rules do not allow (pausing accounts, pausing while the
 * transaction modules are on, ...). The HTTP API answers 409 with the message; the MBean and the
 * route-suspend hook report the same message.
 */
public class ControlRefusedException extends RuntimeException {

    public ControlRefusedException(String message) {
        super(message);
    }
}
