package io.crminventorysync.sandbox;

import io.crminventorysync.config.SyncProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.annotation.ComponentScan;

/**
 * The sandbox alone, as its own process, for benchmarks and multi-node tests:
 * {@code java -jar crm-inventory-sync.jar --sandbox-only --server.port=9090}. No database, Flyway,
 * Quartz or Camel: only the simulated CRM, Inventory and OAuth APIs and their admin endpoints.
 *
 * <p>Deliberately not a {@code @SpringBootConfiguration}: the service's own component scan covers
 * this package, and a configuration class here would drag these exclusions into the service.
 */
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
        "org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration",
        "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration"})
@ComponentScan(basePackageClasses = SandboxApplication.class)
@EnableConfigurationProperties(SyncProperties.class)
public class SandboxApplication {

    /** The argument that makes the service's main start only the sandbox. */
    public static final String SANDBOX_ONLY = "--sandbox-only";

    public static void main(String[] args) {
        start(args);
    }

    /** Starts the sandbox process and returns its context (tests close it). */
    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(SandboxApplication.class);
        app.setDefaultProperties(defaults());
        return app.run(args);
    }

    /**
     * Settings a sandbox process starts with; each can be overridden on the command line. The
     * credentials and organization are the demo profile's, so a service run with
     * --spring.profiles.active=demo and api/accounts URLs pointed here talks to it unchanged.
     */
    static Map<String, Object> defaults() {
        Map<String, Object> m = new HashMap<>();
        m.put("spring.autoconfigure.exclude", foreignAutoConfigurations());
        m.put("sync.sandbox.enabled", "true");
        m.put("sync.sandbox.seed-demo-data", "true");
        m.put("sync.auth.client-id", "demo-client");
        m.put("sync.auth.client-secret", "demo-secret");
        m.put("sync.auth.refresh-token", "demo-refresh-token");
        m.put("sync.inventory.organization-id", "60000000001");
        // Validated with the service's settings; the sandbox process itself has no login (its
        // security auto-configuration is excluded below: it checks its own OAuth tokens).
        m.put("sync.security.username", "demo");
        m.put("sync.security.password", "demo");
        // Its admin API has no login in this process: reachable from this machine only, unless
        // --server.address says otherwise.
        m.put("server.address", "127.0.0.1");
        return m;
    }

    /**
     * Every Camel, Hawtio, Jolokia and Spring Security auto-configuration on the class path. Each Camel starter brings
     * its own, and they fail without a CamelContext; listing them by name would break with every
     * starter added to the pom.
     */
    private static String foreignAutoConfigurations() {
        ImportCandidates candidates = ImportCandidates.load(AutoConfiguration.class, SandboxApplication.class.getClassLoader());
        return StreamSupport.stream(candidates.spliterator(), false)
                .filter(name -> name.startsWith("org.apache.camel.") || name.startsWith("io.hawt.")
                        || name.startsWith("org.jolokia.")
                        || name.startsWith("org.springframework.boot.autoconfigure.security.")
                        || name.startsWith("org.springframework.boot.actuate.autoconfigure.security."))
                .collect(Collectors.joining(","));
    }
}
