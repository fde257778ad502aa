package io.crminventorysync.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/** The security refusals of the API in its error shape: 401 with the Basic challenge, 429 when throttled, 403. */
final class ApiSecurityHandlers {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private ApiSecurityHandlers() {
    }

    /** No or wrong credentials: 401 {@code WWW-Authenticate: Basic}; a throttled login: 429 with Retry-After. */
    static final class EntryPoint implements AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            if (e instanceof LoginThrottledException throttled) {
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                ApiErrorBody.write(response, 429, throttled.getMessage(), null, ApiErrorBody.LOGIN_THROTTLED);
                return;
            }
            boolean tried = request.getHeader("Authorization") != null;
            ApiErrorBody.unauthenticated(response, tried
                    ? "the credentials were not accepted; log in as the operator (HTTP Basic)"
                    : "log in as the operator (HTTP Basic) to use " + SecurityPaths.path(request));
        }
    }

    /**
     * Refused after the login was looked at. A CSRF refusal of someone not logged in is answered
     * 401 (they lack credentials first of all); on /api in the API's shape, elsewhere Spring's page.
     */
    static final class Denied implements AccessDeniedHandler {
        private final AccessDeniedHandler pages = new AccessDeniedHandlerImpl();
        private final EntryPoint entryPoint = new EntryPoint();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
                throws IOException, jakarta.servlet.ServletException {
            if (!SecurityPaths.isApiClientPath(request)) {
                pages.handle(request, response, e);
                return;
            }
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            boolean loggedIn = who != null && who.isAuthenticated() && !TRUST.isAnonymous(who);
            if (!loggedIn) {
                entryPoint.commence(request, response, null);
            } else if (e instanceof CsrfException) {
                ApiErrorBody.write(response, 403, "a change from a browser session needs the CSRF token: send the "
                        + "XSRF-TOKEN cookie's value as the X-XSRF-TOKEN header", null, ApiErrorBody.CSRF);
            } else {
                ApiErrorBody.write(response, 403, "not allowed: " + e.getMessage(), null, ApiErrorBody.FORBIDDEN);
            }
        }
    }
}
