package io.crminventorysync.sandbox;

import io.crminventorysync.config.SyncProperties;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
        "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration",
        "org.apache.camel.spring.boot.CamelAutoConfiguration"})
@ComponentScan(basePackageClasses = SandboxApplication.class)
@EnableConfigurationProperties(SyncProperties.class)
public class SandboxApplication {

    /** The argument that makes the service's main start only the sandbox. */
    public static final String SANDBOX_ONLY = "--sandbox-only";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SandboxApplication.class);
        app.setDefaultProperties(defaults());
        app.run(args);
    }

    /**
     * Settings a sandbox process starts with; each can be overridden on the command line. The
     * credentials and organization are the demo profile's, so a service run with
     * --spring.profiles.active=demo and api/accounts URLs pointed here talks to it unchanged.
     */
    static Map<String, Object> defaults() {
        return Map.of(
                "spring.application.name", "crm-inventory-sync-sandbox",
                "sync.sandbox.enabled", "true",
                "sync.sandbox.seed-demo-data", "true",
                "sync.auth.client-id", "demo-client",
                "sync.auth.client-secret", "demo-secret",
                "sync.auth.refresh-token", "demo-refresh-token",
                "sync.inventory.organization-id", "60000000001");
    }
}
