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

    /**
     * The person of {@code persons} that {@code wanted} is, for a customer taken over: the one with
     * the same e-mail (case-insensitive), else the one with the same first and last name.
     */
    public static Optional<Map<String, Object>> match(List<Map<String, Object>> persons, Map<String, Object> wanted) {
        return match(persons, wanted, "email", "first_name", "last_name");
    }

    /** As {@link #match(List, Map)}, on the CRM side: Email, First_Name, Last_Name. */
    public static Optional<Map<String, Object>> matchCrm(List<Map<String, Object>> contacts, Map<String, Object> wanted) {
        return match(contacts, wanted, "Email", "First_Name", "Last_Name");
    }

    private static Optional<Map<String, Object>> match(List<Map<String, Object>> persons, Map<String, Object> wanted,
            String emailField, String firstField, String lastField) {
        String email = text(wanted.get(emailField));
        if (!email.isEmpty()) {
            Optional<Map<String, Object>> byEmail = persons.stream()
                    .filter(p -> email.equalsIgnoreCase(text(p.get(emailField)))).findFirst();
            if (byEmail.isPresent()) {
                return byEmail;
            }
        }
        String first = text(wanted.get(firstField));
        String last = text(wanted.get(lastField));
        if (first.isEmpty() && last.isEmpty()) {
            return Optional.empty();
        }
        return persons.stream().filter(p -> first.equalsIgnoreCase(text(p.get(firstField)))
                && last.equalsIgnoreCase(text(p.get(lastField)))).findFirst();
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString().strip();
    }
}
