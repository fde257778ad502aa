package io.crminventorysync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** A CRM user as records show it in Owner, Created_By and Modified_By. */
record SandboxUser(String id, String name, String email) {

    /** The user the OAuth client acts as: every API write is made by them. */
    static final SandboxUser API_USER = new SandboxUser("4150868000000225013", "Patricia Boyle", "patricia.boyle@zylker.example");

    /** Someone editing in the CRM web UI; the admin bean's edits are attributed to them. */
    static final SandboxUser UI_USER = new SandboxUser("4150868000000225027", "Christopher Brown", "christopher.brown@zylker.example");

    Map<String, Object> owner() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("id", id);
        m.put("email", email);
        return m;
    }

    Map<String, Object> ref() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("id", id);
        return m;
    }
}
