package io.crminventorysync.sync;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jakarta.annotation.PreDestroy;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database's part of {@code /actuator/health}, answered within {@link #LIMIT} whatever the
 * database does: during an outage a connection attempt waits for the pool's timeout, and a liveness
 * probe that hangs that long restarts a node that would have recovered on its own. The check runs
 * on a thread of its own; one still hanging from an earlier call is not started again, it is DOWN.
 * (Spring Boot's own "db" indicator is switched off: management.health.db.enabled=false.)
 */
@Component("db")
public class DatabaseHealth implements HealthIndicator {

    static final Duration LIMIT = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "db-health");
        t.setDaemon(true);
        return t;
    });
    private Future<String> pending;

    public DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized Health health() {
        if (pending == null || pending.isDone()) {
            pending = checks.submit(this::check);
        }
        try {
            String product = pending.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().withDetail("database", product).build();
        } catch (TimeoutException slow) {
            return Health.down().withDetail("error", "no answer from the database within " + LIMIT.toSeconds() + " s").build();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            return Health.down().withDetail("error", cause.getClass().getSimpleName() + ": " + cause.getMessage()).build();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    private String check() throws Exception {
        try (var connection = dataSource.getConnection()) {
            if (!connection.isValid((int) LIMIT.toSeconds())) {
                throw new IllegalStateException("the connection is not valid");
            }
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }
}
