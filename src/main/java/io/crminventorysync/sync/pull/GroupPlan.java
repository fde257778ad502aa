package io.crminventorysync.sync.pull;

import java.util.List;

/**
 * What one completed account group writes: the account (null when only its contacts changed; a
 * new customer carries every contact inline), then the contacts as persons of the bound customer.
 */
public record GroupPlan(PullItem account, List<PersonEntry> persons) {

    static final GroupPlan NOTHING = new GroupPlan(null, List.of());

    /** The account's write, on its own: a failure of the account does not keep its contacts from being written. */
    public List<PullItem> accountWrite() {
        return account == null ? List.of() : List.of(account);
    }
}
