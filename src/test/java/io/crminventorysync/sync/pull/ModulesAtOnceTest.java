package io.crminventorysync.sync.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The three modules' schedules fire together by default. The products run then looks up vendors
 * the vendors run is creating at the same moment (Dependencies): whichever comes second must find
 * the first one's vendor, not fail on Inventory's "already exists" nor treat it as a duplicate.
 */
@Tag("sql")
class ModulesAtOnceTest extends SyncTestSupport {

    @Test
    void vendorsProductsAndAccountsRunAtOnceCreateEveryRecordOnce() throws Exception {
        sandbox.generate(20, 2, 6, 30, 0, 0);
        ExecutorService fire = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<RunSummary>> runs = List.of("vendors", "products", "accounts").stream()
                    .map(m -> CompletableFuture.supplyAsync(() -> control.runNow(SyncModule.of(m), Trigger.SCHEDULE), fire))
                    .toList();
            for (CompletableFuture<RunSummary> f : runs) {
                RunSummary run = f.get();
                assertThat(run.status()).as(run.module() + ": " + this.runs.errors(run.id(), null)).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(run.pull().failed()).isZero();
            }
        } finally {
            fire.shutdown();
        }

        Map<Object, Long> vendorsByName = sandbox.inventoryContacts().stream()
                .filter(c -> "vendor".equals(c.get("contact_type")))
                .collect(Collectors.groupingBy(c -> c.get("contact_name"), Collectors.counting()));
        assertThat(vendorsByName).hasSize(6).allSatisfy((name, count) -> assertThat(count).as(String.valueOf(name)).isEqualTo(1));
        assertThat(sandbox.inventoryItemCount()).isEqualTo(30);
        assertThat(bindings.count(SyncModule.VENDORS, io.crminventorysync.sync.BindingKind.RECORD)).isEqualTo(6);
        assertThat(sandbox.inventoryContacts()).filteredOn(c -> "customer".equals(c.get("contact_type"))).hasSize(20);

        // and the next runs of all three find nothing to write
        long writes = inventoryWrites();
        for (String module : List.of("vendors", "products", "accounts")) {
            assertThat(run(module).status()).isEqualTo(RunStatus.SUCCEEDED);
        }
        assertThat(inventoryWrites()).isEqualTo(writes);
    }
}
