package io.crminventorysync.web;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A login refused without looking at the password: too many failures of that user name or client address. */
public class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("Too many failed logins; try again in " + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least 1 (the value of the Retry-After header). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
