package io.crminventorysync;

import io.crminventorysync.config.SyncProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The service: Camel routes from {@code routes/}, mappings from {@code mappings/}, state in the database. */
@SpringBootApplication
@EnableConfigurationProperties(SyncProperties.class)
@EnableScheduling
public class CrmInventorySyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrmInventorySyncApplication.class, args);
    }
}
