package io.crminventorysync.web;

import java.util.Optional;
import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The operator login (HTTP Basic and the login form alike) behind the {@link LoginThrottle}: a user
 * name or client address that is waiting out a delay or a lockout is refused before its password
 * is looked at; every refused password counts; a good one clears both.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Optional<Duration> wait = throttle.refusedFor(username, address);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        try {
            Authentication done = delegate.authenticate(authentication);
            if (done != null && done.isAuthenticated()) {
                throttle.succeeded(username, address);
            }
            return done;
        } catch (AuthenticationException refused) {
            throttle.failed(username, address);
            throw refused;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
