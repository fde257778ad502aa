package io.crminventorysync;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.sandbox.SandboxApplication;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The service: Camel routes from {@code routes/}, mappings from {@code mappings/}, state in the database. */
@SpringBootApplication
@EnableConfigurationProperties(SyncProperties.class)
public class CrmInventorySyncApplication {

    public static void main(String[] args) {
        if (Arrays.asList(args).contains(SandboxApplication.SANDBOX_ONLY)) {
            SandboxApplication.main(args);
            return;
        }
        SpringApplication.run(CrmInventorySyncApplication.class, args);
    }
}
