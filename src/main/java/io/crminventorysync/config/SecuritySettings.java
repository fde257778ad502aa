package io.crminventorysync.config;

import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/**
 * {@code sync.security.*}: the operator login of the HTTP API, Hawtio and Jolokia (HTTP Basic or
 * the login form), its throttling, and the size of request bodies the API accepts.
 */
public class SecuritySettings {

    /** User name of the operator login. */
    private String username = "admin";
    /**
     * Password of the operator login: plain, or encoded as Spring Security writes it (e.g.
     * {bcrypt}$2a$...). Required; the demo profile sets demo/demo. {noop} is refused outside the
     * demo profile. Never logged.
     */
    private String password;
    /**
     * Failed logins (wrong user name or password, HTTP Basic or the login form) within
     * failed-login-window that lock out the user name, or the client address, for lockout.
     */
    private int maxFailedLogins = 5;
    /** How far back failed logins count towards a lockout. */
    private Duration failedLoginWindow = Duration.ofMinutes(15);
    /** How long a locked-out user name or client address is refused, whatever the password. */
    private Duration lockout = Duration.ofMinutes(15);
    /**
     * After a failed login, the next attempt of that user name or client address is refused (429)
     * until this has passed; doubled with each further failure in the window.
     */
    private Duration loginDelay = Duration.ofSeconds(1);
    /** Largest request body /api accepts; a bigger one is refused with 413 before it is read. */
    private DataSize maxRequestSize = DataSize.ofMegabytes(1);

    /** Every problem with these settings, one line each starting with the property name. */
    void check(List<String> out, boolean demo) {
        if (username == null || username.isBlank()) {
            out.add("sync.security.username: required (the operator login of /api, Hawtio and Jolokia); set SYNC_SECURITY_USERNAME");
        }
        String env = SyncProperties.envName("sync.security.password");
        if (password == null || password.isBlank()) {
            out.add("sync.security.password: required (the operator login of /api, Hawtio and Jolokia); set "
                    + env + ", or run the demo profile (login demo/demo)");
        } else if (password.startsWith("{noop}") && !demo) {
            out.add("sync.security.password: {noop} keeps the password in clear text and compares it as such; "
                    + "give it plain (it is hashed at start-up) or encoded, e.g. {bcrypt}$2a$..., in " + env);
        }
        SyncProperties.positive(out, "sync.security.max-failed-logins", maxFailedLogins);
        longerThanZero(out, "sync.security.failed-login-window", failedLoginWindow);
        longerThanZero(out, "sync.security.lockout", lockout);
        if (loginDelay == null || loginDelay.isNegative()) {
            out.add("sync.security.login-delay: must be 0s or more, was " + loginDelay);
        }
        if (maxRequestSize == null || maxRequestSize.toBytes() < 1024) {
            out.add("sync.security.max-request-size: must be at least 1KB, was " + maxRequestSize);
        }
    }

    private static void longerThanZero(List<String> out, String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            out.add(name + ": must be longer than 0s, was " + value);
        }
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public int getMaxFailedLogins() { return maxFailedLogins; }
    public void setMaxFailedLogins(int maxFailedLogins) { this.maxFailedLogins = maxFailedLogins; }
    public Duration getFailedLoginWindow() { return failedLoginWindow; }
    public void setFailedLoginWindow(Duration failedLoginWindow) { this.failedLoginWindow = failedLoginWindow; }
    public Duration getLockout() { return lockout; }
    public void setLockout(Duration lockout) { this.lockout = lockout; }
    public Duration getLoginDelay() { return loginDelay; }
    public void setLoginDelay(Duration loginDelay) { this.loginDelay = loginDelay; }
    public DataSize getMaxRequestSize() { return maxRequestSize; }
    public void setMaxRequestSize(DataSize maxRequestSize) { this.maxRequestSize = maxRequestSize; }
}
