package io.crminventorysync.sync.record;

import io.crminventorysync.crm.CrmClient;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of contact persons, the same in both flows: which CRM contact becomes a new customer's
 * primary person, and when an Inventory person and a contact are the same person.
 */
public final class ContactPersons {

    private ContactPersons() {
    }

    /**
     * The primary contact person of a new customer, by a documented, deterministic rule: the CRM
     * contact created first (Created_Time), ties broken by the smaller CRM id.
     */
    public static <T> T primaryOf(Collection<T> contacts, java.util.function.Function<T, Map<String, Object>> crm) {
        T best = null;
        for (T c : contacts) {
            if (best == null || comparePrimary(crm.apply(c), crm.apply(best)) < 0) {
                best = c;
            }
        }
        return best;
    }

    private static int comparePrimary(Map<String, Object> a, Map<String, Object> b) {
        Instant ta = CrmClient.parseTime(a.get("Created_Time"));
        Instant tb = CrmClient.parseTime(b.get("Created_Time"));
        if (ta != null && tb != null && !ta.equals(tb)) {
            return ta.compareTo(tb);
        }
        if (ta != null && tb == null) {
            return -1;
        }
        if (ta == null && tb != null) {
            return 1;
        }
        return compareIds(String.valueOf(a.get("id")), String.valueOf(b.get("id")));
    }

    /** CRM ids are digit strings of the same kind: shorter is smaller, then character by character. */
    public static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** True when an Inventory person as sent and as answered are the same: first and last name and email alike. */
    public static boolean samePerson(Map<String, Object> sent, Map<String, Object> answered) {
        for (String field : List.of("first_name", "last_name", "email")) {
            if (!text(sent.get(field)).equalsIgnoreCase(text(answered.get(field)))) {
                return false;
            }
        }
        return true;
    }

    /** The first of {@code persons} that is {@code wanted} by {@link #samePerson}. */
    public static Optional<Map<String, Object>> find(List<Map<String, Object>> persons, Map<String, Object> wanted) {
        return persons.stream().filter(p -> samePerson(wanted, p)).findFirst();
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString().strip();
    }
}
