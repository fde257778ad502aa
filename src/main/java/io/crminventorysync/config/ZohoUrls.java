package io.crminventorysync.config;

import java.util.List;

/**
 * The Zoho accounts, CRM and Inventory URLs must be https: the refresh token, the client secret and
 * every access token travel to these hosts. Plain http only for the sandbox, or to this very machine
 * (loopback: a sandbox or a test double run as its own process), where nothing crosses a network.
 */
final class ZohoUrls {

    private ZohoUrls() {
    }

    static void check(List<String> out, String name, String value, boolean sandbox) {
        if (value == null || !(value.startsWith("http://") || value.startsWith("https://"))) {
            out.add(name + ": must be an https URL, was '" + value + "'");
        } else if (value.startsWith("http://") && !sandbox && !isLoopback(value)) {
            out.add(name + ": must be https (it carries the Zoho credentials and tokens), was '" + value + "'");
        }
    }

    static boolean isLoopback(String url) {
        String rest = url.substring("http://".length());
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        if (authority.contains("@")) {
            return false; // user info: the host is what follows it, and it is not worth trusting
        }
        String host = authority.startsWith("[") ? authority.substring(0, authority.indexOf(']') + 1)
                : authority.contains(":") ? authority.substring(0, authority.indexOf(':')) : authority;
        return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
    }
}
