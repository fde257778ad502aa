package io.crminventorysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.auth.ZohoTokenProvider;
import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.inventory.InventoryClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/** Routes call the clients by bean name; base URLs name the random port, known only once the server runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientBeansTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    Environment environment;

    @Test
    void theClientsAreBeansUnderTheirRouteNames() {
        assertThat(context.getBean("crmClient")).isInstanceOf(CrmClient.class);
        assertThat(context.getBean("inventoryClient")).isInstanceOf(InventoryClient.class);
        assertThat(context.getBean("zohoTokenProvider")).isInstanceOf(ZohoTokenProvider.class);
    }

    @Test
    void baseUrlsResolveThePortAtCallTime() {
        String port = environment.getProperty("local.server.port");
        assertThat(environment.resolveRequiredPlaceholders(environment.getProperty("sync.crm.api-url", "")))
                .isEqualTo("http://localhost:" + port + "/sandbox/crm/v7");
    }
}
