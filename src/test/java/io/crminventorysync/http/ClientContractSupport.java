package io.crminventorysync.http;

import io.crminventorysync.auth.ZohoTokenProvider;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.crm.CrmClient;
import io.crminventorysync.crm.CrmWriter;
import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.sandbox.SandboxAdmin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The clients against the sandbox over real HTTP on the random port. The annotation is exactly the
 * sandbox tests' own, so every such class shares one cached Spring context; state is reset per test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ClientContractSupport {

    @Autowired
    protected SandboxAdmin sandbox;
    @Autowired
    protected CrmClient crm;
    @Autowired
    protected CrmWriter crmWriter;
    @Autowired
    protected InventoryClient inventory;
    @Autowired
    protected ZohoTokenProvider tokens;
    @Autowired
    protected MeterRegistry meters;
    @Autowired
    protected SyncProperties properties;

    @BeforeEach
    void freshSandboxAndToken() {
        sandbox.reset();
        // The refresh guard counts per minute across tests; each test starts with its full budget.
        tokens.reset();
    }

    /** The current value of a counter (they only grow; compare before and after). */
    protected double counter(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** The records of a CRM listing as a lazy stream: pages are fetched while the stream is consumed. */
    protected java.util.stream.Stream<java.util.Map<String, Object>> records(io.crminventorysync.crm.CrmQuery query) {
        java.util.Iterator<io.crminventorysync.crm.CrmPage> pages = crm.pages(query);
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(pages,
                java.util.Spliterator.ORDERED), false).flatMap(p -> p.records().stream());
    }
}
