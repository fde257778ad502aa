package io.crminventorysync.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests go to which filter chain. API clients (HTTP Basic, no session) use /api, the
 * actuator (metrics, Prometheus, Jolokia), the OpenAPI description and the sandbox's admin API; a
 * request that carries a live session cookie goes to the browser chain instead, with CSRF, whatever
 * other headers it carries. Hawtio is a browser application: always the browser chain.
 */
final class SecurityPaths {

    static final String HAWTIO = "/actuator/hawtio";

    private SecurityPaths() {
    }

    /** The path inside the application (no context path), as the matchers see it. */
    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    static boolean isApi(HttpServletRequest request) {
        return under(path(request), "/api");
    }

    /** Paths API clients call with HTTP Basic. */
    static boolean isApiClientPath(HttpServletRequest request) {
        String p = path(request);
        return under(p, "/api") || under(p, "/v3/api-docs") || under(p, "/sandbox/_admin")
                || (under(p, "/actuator") && !under(p, HAWTIO));
    }

    /** Zoho's callbacks: outside the login, each hook checks its own secret. */
    static boolean isHook(HttpServletRequest request) {
        return under(path(request), "/hooks");
    }

    static boolean isJolokia(HttpServletRequest request) {
        String p = path(request);
        return under(p, "/actuator/jolokia") || under(p, HAWTIO + "/jolokia");
    }

    /** A session cookie of a session this server still holds (a stale cookie counts as none). */
    static boolean hasLiveSession(HttpServletRequest request) {
        return request.getRequestedSessionId() != null && request.isRequestedSessionIdValid();
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
