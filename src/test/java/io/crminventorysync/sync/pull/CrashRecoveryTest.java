package io.crminventorysync.sync.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.RunError;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A crash between an Inventory create and its binding, injected with Camel's AdviceWith just before
 * the binding step of routes/pull-item.xml (the route is changed for this test class only: its
 * Spring context is dropped afterwards). The next run must adopt what the crashed run created,
 * never create it twice.
 */
@Tag("sql")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest extends SyncTestSupport {

    /** Armed by a test; the advised route fails once, right after the write, then lets records through. */
    static final AtomicBoolean CRASH_BEFORE_BIND = new AtomicBoolean();
    static final AtomicBoolean ONLY_WITH_PERSONS = new AtomicBoolean();

    @Autowired
    CamelContext camel;

    @BeforeAll
    void crashBeforeTheBindingWhenArmed() throws Exception {
        AdviceWith.adviceWith(camel, "pull-item", route -> route.weaveById("pull-bind").before().process(exchange -> {
            // accounts are written side by side: crash on the first that carries contact persons
            // (the vendors' test takes the first of any)
            boolean eligible = !ONLY_WITH_PERSONS.get() || !exchange.getIn().getBody(PullItem.class).getPersons().isEmpty();
            if (eligible && CRASH_BEFORE_BIND.compareAndSet(true, false)) {
                throw new IllegalStateException("injected failure between the Inventory write and the binding");
            }
        }));
    }

    @AfterAll
    void disarm() {
        CRASH_BEFORE_BIND.set(false);
        ONLY_WITH_PERSONS.set(false);
    }

    @Test
    void aCrashBetweenTheInventoryWriteAndTheBindingLeavesNoDuplicate() {
        sandbox.seedDemo();
        ONLY_WITH_PERSONS.set(false);
        CRASH_BEFORE_BIND.set(true);

        RunSummary crashed = run("vendors");

        assertThat(crashed.status()).isEqualTo(RunStatus.PARTIAL);
        RunError injected = pullErrors(crashed).get(0);
        assertThat(injected.reason()).contains("injected failure");
        String vendorCrmId = injected.recordId();
        String name = String.valueOf(sandbox.crmRecord("Vendors", vendorCrmId).orElseThrow().get("Vendor_Name"));
        assertThat(sandbox.inventoryContactByName(name)).as("created before the crash").isPresent();
        assertThat(bindings.byCrmId(io.crminventorysync.sync.SyncModule.VENDORS, BindingKind.RECORD, vendorCrmId))
                .as("binding never written").isEmpty();

        RunSummary next = run("vendors");

        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.inventoryContacts()).filteredOn(c -> name.equals(c.get("contact_name"))).hasSize(1);
        assertThat(binding("vendors", BindingKind.RECORD, vendorCrmId).inventoryId())
                .isEqualTo(String.valueOf(sandbox.inventoryContactByName(name).orElseThrow().get("contact_id")));
        assertThat(sandbox.inventoryContacts()).filteredOn(c -> "vendor".equals(c.get("contact_type")))
                .hasSize(sandbox.crmCount("Vendors"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCrashBetweenACustomersCreateAndItsBindingNeitherDoublesTheCustomerNorItsContactPersons() {
        sandbox.seedDemo();
        ONLY_WITH_PERSONS.set(true);
        CRASH_BEFORE_BIND.set(true);

        RunSummary crashed = run("accounts");

        assertThat(crashed.status()).isEqualTo(RunStatus.PARTIAL);
        String crashedAccount = pullErrors(crashed).get(0).recordId();
        String name = String.valueOf(sandbox.crmRecord("Accounts", crashedAccount).orElseThrow().get("Account_Name"));
        int persons = ((java.util.List<Object>) sandbox.inventoryContactByName(name).orElseThrow().get("contact_persons")).size();
        assertThat(persons).as("created with its persons before the crash").isPositive();

        RunSummary next = run("accounts");

        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.inventoryContacts()).filteredOn(c -> name.equals(c.get("contact_name"))).hasSize(1);
        assertThat((java.util.List<Object>) sandbox.inventoryContactByName(name).orElseThrow().get("contact_persons"))
                .as("each contact person once").hasSize(persons);
        assertThat(bindings.personsOf(io.crminventorysync.sync.SyncModule.ACCOUNTS,
                binding("accounts", BindingKind.RECORD, crashedAccount).inventoryId())).hasSize(persons);
    }
}
