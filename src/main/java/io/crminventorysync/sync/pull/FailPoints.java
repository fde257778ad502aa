package io.crminventorysync.sync.pull;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Named points in the pipeline where a fault test can make the process fail exactly there, as a
 * crash would (for example between an Inventory write and the binding write). Nothing is armed
 * unless a test arms it; an armed point fires once.
 */
@Component
public class FailPoints {

    /** After Inventory accepted a create and before the binding is stored. */
    public static final String AFTER_INVENTORY_CREATE = "pull.after-inventory-create";

    private final Set<String> armed = ConcurrentHashMap.newKeySet();

    public void arm(String point) {
        armed.add(point);
    }

    public void check(String point) {
        if (armed.remove(point)) {
            throw new InjectedFailure(point);
        }
    }

    /** The failure a fail point throws. */
    public static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String point) {
            super("injected failure at " + point);
        }
    }
}
