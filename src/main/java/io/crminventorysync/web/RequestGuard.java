package io.crminventorysync.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refusals that need no credentials to decide, made before any login is looked at:
 *
 * <ul>
 * <li>A change (POST, PUT, PATCH, DELETE) sent by a browser on behalf of another site: an
 * {@code Origin} that is not this service's own, or {@code Sec-Fetch-Site} other than same-origin.
 * Browsers add both on their own and a page cannot forge them; tools (curl, Prometheus) send
 * neither. This keeps HTTP Basic credentials a browser has cached from being used cross-site.</li>
 * <li>Jolokia (full JMX): POST only, no JSONP ({@code callback}), and no foreign {@code Origin} on
 * any method, so no other site can drive it or read its answers. jolokia-access.xml says the same
 * inside Jolokia; this answers first and in the API's shape.</li>
 * </ul>
 */
final class RequestGuard extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean jolokia = SecurityPaths.isJolokia(request);
        String origin = request.getHeader("Origin");
        boolean foreignOrigin = origin != null && !sameOrigin(origin, request);
        if (jolokia) {
            if (foreignOrigin) {
                ApiErrorBody.write(response, 403, "Jolokia answers this service's own pages only, not " + origin,
                        null, ApiErrorBody.CROSS_SITE);
                return;
            }
            if (!"POST".equals(request.getMethod())) {
                response.setHeader("Allow", "POST");
                ApiErrorBody.write(response, 405, "Jolokia takes POST requests only (JSON body), not "
                        + request.getMethod(), null, ApiErrorBody.METHOD_NOT_ALLOWED);
                return;
            }
            if (request.getParameter("callback") != null) {
                ApiErrorBody.write(response, 400, "JSONP (callback) is not served", "callback", ApiErrorBody.INVALID_VALUE);
                return;
            }
        }
        if (!SAFE.contains(request.getMethod())) {
            String fetchSite = request.getHeader("Sec-Fetch-Site");
            boolean crossSiteFetch = fetchSite != null && !"same-origin".equals(fetchSite) && !"none".equals(fetchSite);
            if (foreignOrigin || crossSiteFetch) {
                ApiErrorBody.write(response, 403, "a change sent from another site (" + (origin != null ? origin
                        : "Sec-Fetch-Site: " + fetchSite) + ") is refused", null, ApiErrorBody.CROSS_SITE);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Origin {@code scheme://host[:port]} against the request as it reached us (after forwarded headers). */
    static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI o = URI.create(origin.trim());
            if (o.getScheme() == null || o.getHost() == null) {
                return false; // "null" (sandboxed frames, file:) and anything unparsable is foreign
            }
            String scheme = o.getScheme().toLowerCase(Locale.ROOT);
            int port = o.getPort() != -1 ? o.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
            return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
                    && o.getHost().equalsIgnoreCase(request.getServerName())
                    && port == request.getServerPort();
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
    }
}
