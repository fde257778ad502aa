package io.crminventorysync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.SyncRuns;
import io.crminventorysync.sync.pull.PersonEntry;
import io.crminventorysync.sync.pull.PullItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * routes/pull-group.xml alone: what one completed account group hands on, with the account's write
 * (direct:pull-item) and the persons' writes (direct:pull-person) replaced by mock endpoints.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PullGroupRouteTest extends SyncTestSupport {

    @Autowired SyncRuns syncRuns;
    @Autowired ProducerTemplate producer;
    @EndpointInject("mock:pull-item") MockEndpoint accountWrites;
    @EndpointInject("mock:pull-person") MockEndpoint personWrites;

    private RunProgress run;

    @BeforeAll
    void writesGoToMocks() throws Exception {
        AdviceWith.adviceWith(camel, "pull-group", route -> {
            route.weaveByToUri("direct:pull-item").replace().to("mock:pull-item");
            route.weaveByToUri("direct:pull-person").replace().to("mock:pull-person");
        });
    }

    @BeforeEach
    void openRun() {
        MockEndpoint.resetMocks(camel);
        run = syncRuns.open(SyncModule.ACCOUNTS, Trigger.INSTANT);
    }

    @AfterEach
    void closeRun() {
        syncRuns.close(run);
    }

    private static Map<String, Object> contact(String id, String first) {
        Map<String, Object> c = new HashMap<>();
        c.put("id", id);
        c.put("First_Name", first);
        c.put("Last_Name", "Tester");
        c.put("Email", first.toLowerCase() + "@aztec.example");
        c.put("Account_Name", Map.of("id", "4150868000000500001", "name", "Aztec Technologies"));
        return c;
    }

    private void complete(Map<String, Object> account, Map<String, Object>... contacts) {
        Map<String, Object> group = new HashMap<>();
        group.put("runId", run.runId());
        group.put("accountId", "4150868000000500001");
        group.put("account", account);
        group.put("contacts", new ArrayList<>(List.of(contacts)));
        producer.send("direct:pull-group", exchange -> {
            exchange.setProperty(SyncExchange.RUN_ID, run.runId());
            exchange.getIn().setBody(group);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewAccountIsOneWriteCarryingItsContactsInline() throws Exception {
        accountWrites.expectedMessageCount(1);
        personWrites.expectedMessageCount(0);

        complete(Map.of("id", "4150868000000500001", "Account_Name", "Aztec Technologies"),
                contact("4150868000000500011", "Frankline"), contact("4150868000000500012", "Jose"));

        MockEndpoint.assertIsSatisfied(camel);
        PullItem account = accountWrites.getReceivedExchanges().get(0).getIn().getBody(PullItem.class);
        assertThat(account.crmId()).isEqualTo("4150868000000500001");
        assertThat(account.getPersons()).extracting(PullItem::crmId)
                .containsExactly("4150868000000500011", "4150868000000500012");
    }

    @Test
    void theChangedContactsOfABoundCustomerAreWrittenOneByOneUnderIt() throws Exception {
        bindings.bind(new Binding(SyncModule.ACCOUNTS, BindingKind.RECORD, "4150868000000500001", "460000000090001", null,
                "a".repeat(64), null, Instant.now(), Instant.now(), null), Flow.PULL, "4150868000000500001");
        accountWrites.expectedMessageCount(0);
        personWrites.expectedMessageCount(2);

        complete(null, contact("4150868000000500011", "Frankline"), contact("4150868000000500012", "Jose"));

        MockEndpoint.assertIsSatisfied(camel);
        assertThat(personWrites.getReceivedExchanges()).extracting(e -> e.getIn().getBody(PersonEntry.class).customerId())
                .containsOnly("460000000090001");
    }

    @Test
    void aGroupOfAnAbortedRunWritesNothing() throws Exception {
        syncRuns.abort(run, new IllegalStateException("credentials refused"));
        accountWrites.expectedMessageCount(0);
        personWrites.expectedMessageCount(0);
        accountWrites.setAssertPeriod(200);

        complete(Map.of("id", "4150868000000500001", "Account_Name", "Aztec Technologies"),
                contact("4150868000000500011", "Frankline"));

        MockEndpoint.assertIsSatisfied(camel);
    }
}
