package io.crminventorysync.sandbox;

import io.crminventorysync.config.SyncProperties;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The simulated Zoho accounts server: it trusts exactly the client id, secret and refresh token the
 * service itself is configured with, issues access tokens with the configured lifetime, and
 * throttles refreshing the way Zoho does.
 */
@Component
@SandboxEnabled
public class SandboxAuth {

    /** Outcome of one refresh request. */
    enum Refresh { ISSUED, INVALID_CODE, INVALID_CLIENT, THROTTLED }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SyncProperties properties;
    private final SandboxKnobs knobs;
    private final SandboxClock clock;
    private final Map<String, Long> expiryByToken = new ConcurrentHashMap<>();
    private final ArrayDeque<Long> recentRefreshes = new ArrayDeque<>();

    public SandboxAuth(SyncProperties properties, SandboxKnobs knobs, SandboxClock clock) {
        this.properties = properties;
        this.knobs = knobs;
        this.clock = clock;
    }

    /** The refresh-token grant. {@code issued[0]} receives the new token when the result is ISSUED. */
    Refresh refresh(String clientId, String clientSecret, String refreshToken, String[] issued) {
        if (!allowRefresh()) {
            return Refresh.THROTTLED;
        }
        SyncProperties.Auth auth = properties.getAuth();
        if (auth.getClientId() == null || !Objects.equals(auth.getClientId(), clientId)
                || !Objects.equals(auth.getClientSecret(), clientSecret)) {
            return Refresh.INVALID_CLIENT;
        }
        if (auth.getRefreshToken() == null || !Objects.equals(auth.getRefreshToken(), refreshToken)
                || knobs.isRefreshTokenRevoked()) {
            return Refresh.INVALID_CODE;
        }
        issued[0] = issue();
        return Refresh.ISSUED;
    }

    /** A fresh access token, valid for the token-lifetime knob; tests may use it to skip the token endpoint. */
    public String issue() {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        RANDOM.nextBytes(a);
        RANDOM.nextBytes(b);
        String token = "1000." + HexFormat.of().formatHex(a) + "." + HexFormat.of().formatHex(b);
        expiryByToken.put(token, clock.millis() + knobs.getTokenLifetimeSeconds() * 1000L);
        return token;
    }

    /** True for a token this sandbox issued that has not expired. */
    public boolean isValid(String token) {
        if (token == null) {
            return false;
        }
        Long expiry = expiryByToken.get(token);
        if (expiry == null) {
            return false;
        }
        if (expiry <= clock.millis()) {
            expiryByToken.remove(token);
            return false;
        }
        return true;
    }

    /** Every issued access token stops working, as after an hour without refreshing. */
    public void expireAll() {
        expiryByToken.clear();
    }

    /** Forgets the refresh history, so a new test starts with the full refresh budget. */
    public void resetThrottle() {
        synchronized (recentRefreshes) {
            recentRefreshes.clear();
        }
    }

    private boolean allowRefresh() {
        long now = clock.millis();
        synchronized (recentRefreshes) {
            while (!recentRefreshes.isEmpty() && recentRefreshes.peekFirst() <= now - 60_000) {
                recentRefreshes.pollFirst();
            }
            if (recentRefreshes.size() >= knobs.getRefreshesPerMinute()) {
                return false;
            }
            recentRefreshes.addLast(now);
            return true;
        }
    }
}
