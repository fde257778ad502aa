package io.crminventorysync.config;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * An unreachable database (connection refused, unknown host, bad credentials) becomes one line
 * naming the JDBC URL (without its parameters, which may hold secrets) and the reason.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    public DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException connectionFailure = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && isConnectionFailure(sql)) {
                connectionFailure = sql;
            }
        }
        if (connectionFailure == null) {
            return null;
        }
        String reason = deepestMessage(connectionFailure);
        String url = safeUrl(environment.getProperty("spring.datasource.url", "(default)"));
        return new FailureAnalysis(
                "Cannot connect to the database " + url + ": " + reason,
                "Check that the database is running and reachable, and that SPRING_DATASOURCE_URL, "
                        + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD are right.",
                connectionFailure);
    }

    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        // 08xxx: connection exceptions; 28xxx: invalid authorization (wrong user or password).
        return state != null && (state.startsWith("08") || state.startsWith("28"))
                || e instanceof java.sql.SQLTransientConnectionException;
    }

    private static String deepestMessage(Throwable t) {
        String message = t.getMessage();
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null) {
                message = c.getClass().getSimpleName() + ": " + c.getMessage();
            }
        }
        return message == null ? t.getClass().getSimpleName() : message.replaceAll("\\s+", " ").trim();
    }

    /** The URL up to its parameters: jdbc:mysql://db:3306/sync?password=... keeps no secret. */
    static String safeUrl(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut).replaceAll("//[^/@]*@", "//");
    }
}
