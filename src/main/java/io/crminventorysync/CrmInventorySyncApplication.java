package io.crminventorysync;

import io.crminventorysync.config.SyncProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The service: Camel routes from {@code routes/}, mappings from {@code mappings/}, state in the database. */
@SpringBootApplication
@EnableConfigurationProperties(SyncProperties.class)
public class CrmInventorySyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrmInventorySyncApplication.class, args);
    }
}
