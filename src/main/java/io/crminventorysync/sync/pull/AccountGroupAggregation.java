package io.crminventorysync.sync.pull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import io.crminventorysync.sync.SyncExchange;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Gathers an account and its contacts into one group, correlated by the account id. The group is
 * plain maps and lists (JDK types only) because the JDBC aggregation repository serialises it and
 * Camel's deserialisation filter admits only java.** and org.apache.camel.** classes.
 */
@Component("accountGroupAggregation")
public class AccountGroupAggregation implements AggregationStrategy {

    public static final String ACCOUNT_ID = "accountId";
    public static final String ACCOUNT = "account";
    public static final String CONTACT = "contact";
    public static final String CONTACTS = "contacts";
    /** How many contacts were read a second time into the group (window overlap): counted unchanged. */
    public static final String REREAD = "reread";
    /** The run the group belongs to: exchange properties do not survive the repository, the body does. */
    public static final String RUN_ID = "runId";

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange group, Exchange entry) {
        Map<String, Object> in = entry.getIn().getBody(Map.class);
        Exchange target = group == null ? entry : group;
        Map<String, Object> body = group == null
                ? newGroup((String) in.get(ACCOUNT_ID), entry.getProperty(SyncExchange.RUN_ID, Long.class))
                : group.getIn().getBody(Map.class);
        if (in.get(ACCOUNT) != null) {
            if (body.put(ACCOUNT, in.get(ACCOUNT)) != null) {
                body.merge(REREAD, 1, (a, b) -> (Integer) a + (Integer) b);
            }
        }
        if (in.get(CONTACT) != null) {
            // A contact read twice in one run (the overlap of two query windows) counts once.
            List<Map<String, Object>> contacts = (List<Map<String, Object>>) body.get(CONTACTS);
            Map<String, Object> contact = (Map<String, Object>) in.get(CONTACT);
            if (contacts.removeIf(c -> String.valueOf(c.get("id")).equals(String.valueOf(contact.get("id"))))) {
                body.merge(REREAD, 1, (a, b) -> (Integer) a + (Integer) b);
            }
            contacts.add(contact);
        }
        target.getIn().setBody(body);
        return target;
    }

    private static Map<String, Object> newGroup(String accountId, Long runId) {
        HashMap<String, Object> g = new HashMap<>();
        g.put(RUN_ID, runId);
        g.put(ACCOUNT_ID, accountId);
        g.put(CONTACTS, new ArrayList<>());
        return g;
    }
}
