package io.crminventorysync.sync.record;

import io.crminventorysync.sync.SyncModule;
import org.springframework.stereotype.Component;

/**
 * The create of one CRM record's Inventory counterpart is made by one writer at a time on a node,
 * whichever run makes it: the record's own module, or another module's run that looks it up
 * ({@code Dependencies}: a product's vendor). The three modules' schedules fire together by default,
 * so the vendors run and the products run meet on the same new vendor; the second to take the lock
 * finds the first one's binding and creates nothing.
 */
@Component
public class CreateLocks {

    private final KeyLocks locks = new KeyLocks();

    public void run(SyncModule module, String crmId, Runnable work) {
        locks.run(module.id() + ":" + crmId, work);
    }
}
