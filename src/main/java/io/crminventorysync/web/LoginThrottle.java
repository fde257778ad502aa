package io.crminventorysync.web;

import io.crminventorysync.config.SecuritySettings;
import io.crminventorysync.config.SyncProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Failed logins, counted per user name and per client address alike (HTTP Basic and the login form
 * share it). After a failure the next attempt of that name or address is refused without looking at
 * the password until {@code sync.security.login-delay} has passed, doubled with every further
 * failure; {@code sync.security.max-failed-logins} failures within
 * {@code sync.security.failed-login-window} lock the name or address out for
 * {@code sync.security.lockout}. Refusing early, instead of sleeping in the request, costs an
 * attacker time without tying up a server thread.
 *
 * <p>Kept in this node's memory: each node of a cluster counts its own attempts. User names other
 * than the operator's are never logged (a password typed into the user field must not land in a log).
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** Bounds the memory an attacker can make us spend on made-up user names and addresses. */
    static final int MAX_TRACKED = 10_000;

    private final SecuritySettings settings;
    private final Clock clock;
    private final Map<String, Attempts> byKey = new ConcurrentHashMap<>();

    @Autowired
    public LoginThrottle(SyncProperties properties) {
        this(properties, Clock.systemUTC());
    }

    LoginThrottle(SyncProperties properties, Clock clock) {
        this.settings = properties.getSecurity();
        this.clock = clock;
    }

    /** How long the next attempt of this user name or client address must still wait; empty when it may go ahead. */
    public Optional<Duration> refusedFor(String username, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(username, address)) {
            Attempts a = byKey.get(key);
            if (a != null) {
                Duration wait = a.waitFrom(now);
                if (wait.compareTo(longest) > 0) {
                    longest = wait;
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** A wrong user name or password: counts against both the name and the address. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (byKey.size() >= MAX_TRACKED) {
            forgetIdle(now);
        }
        for (String key : keys(username, address)) {
            if (byKey.size() >= MAX_TRACKED && !byKey.containsKey(key)) {
                continue; // flooded with made-up names: the keys already tracked still hold
            }
            Attempts a = byKey.computeIfAbsent(key, k -> new Attempts());
            int failures = a.fail(now, settings);
            if (failures >= settings.getMaxFailedLogins()) {
                log.warn("Login locked out: {} after {} failed logins within {}; refused for {}", describe(key, username),
                        failures, settings.getFailedLoginWindow(), settings.getLockout());
            }
        }
    }

    /** A good login: the name and the address start afresh. */
    public void succeeded(String username, String address) {
        for (String key : keys(username, address)) {
            byKey.remove(key);
        }
    }

    private String describe(String key, String username) {
        if (key.startsWith("address:")) {
            return "client address " + key.substring("address:".length());
        }
        return settings.getUsername().equals(username) ? "user '" + username + "'" : "an unknown user name";
    }

    private static String[] keys(String username, String address) {
        return new String[] {"user:" + (username == null ? "" : username), "address:" + (address == null ? "?" : address)};
    }

    private void forgetIdle(Instant now) {
        byKey.entrySet().removeIf(e -> e.getValue().idleAt(now, settings));
    }

    /** The failures of one key within the window, and until when it is refused. */
    private static final class Attempts {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant notBefore = Instant.MIN;

        synchronized Duration waitFrom(Instant now) {
            return now.isBefore(notBefore) ? Duration.between(now, notBefore) : Duration.ZERO;
        }

        synchronized int fail(Instant now, SecuritySettings s) {
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(now.minus(s.getFailedLoginWindow()))) {
                failures.pollFirst();
            }
            failures.addLast(now);
            int n = failures.size();
            Duration wait;
            if (n >= s.getMaxFailedLogins()) {
                wait = s.getLockout();
            } else {
                wait = s.getLoginDelay().multipliedBy(1L << Math.min(n - 1, 20));
                if (wait.compareTo(s.getLockout()) > 0) {
                    wait = s.getLockout();
                }
            }
            Instant until = now.plus(wait);
            if (until.isAfter(notBefore)) {
                notBefore = until;
            }
            return n;
        }

        synchronized boolean idleAt(Instant now, SecuritySettings s) {
            return !now.isBefore(notBefore) && (failures.isEmpty()
                    || !failures.peekLast().isAfter(now.minus(s.getFailedLoginWindow())));
        }
    }
}
