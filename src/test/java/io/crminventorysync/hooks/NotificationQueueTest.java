package io.crminventorysync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncModule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The queue's SQL (also on MySQL/MariaDB in CI): one row per record however often and however
 * concurrently it is notified, debounce capped by max-delay, a row deleted only at the version the
 * drain read, back-off after a failed drain. Rows are queued an hour ahead (never due meanwhile), so
 * the running drain leaves them alone.
 */
@Tag("sql")
class NotificationQueueTest extends NotificationTestSupport {

    private static final long HOUR = 3_600_000;

    @Test
    void aRecordNotifiedManyTimesAtOnceFromManyThreadsIsOneRow() throws Exception {
        long later = System.currentTimeMillis() + HOUR;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(() -> {
                    queue.add(SyncModule.PRODUCTS, Flow.PULL, "Products", List.of("9000000000001", "9000000000002"), false, later);
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<NotificationQueue.Entry> rows = queue.all();
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(e -> assertThat(e.version()).isEqualTo(40));
    }

    @Test
    void debounceMovesTheDueTimeButNeverPastMaxDelayAfterTheFirstNotification() {
        long t0 = System.currentTimeMillis() + HOUR;
        queue.add(SyncModule.VENDORS, Flow.PULL, "Vendors", List.of("1"), false, t0);
        assertThat(queue.all().get(0).dueAt()).isEqualTo(t0 + 300);

        queue.add(SyncModule.VENDORS, Flow.PULL, "Vendors", List.of("1"), false, t0 + 1_000);
        assertThat(queue.all().get(0).dueAt()).isEqualTo(t0 + 1_300);

        queue.add(SyncModule.VENDORS, Flow.PULL, "Vendors", List.of("1"), true, t0 + 2_900);
        NotificationQueue.Entry e = queue.all().get(0);
        assertThat(e.dueAt()).as("max-delay 3 s after the first").isEqualTo(t0 + 3_000);
        assertThat(e.deleted()).as("the last operation counts").isTrue();
        assertThat(e.receivedAt()).isEqualTo(t0);
    }

    @Test
    void aRowNotifiedAgainWhileItWasSyncedStaysForTheNextRun() {
        long t0 = System.currentTimeMillis() + HOUR;
        queue.add(SyncModule.VENDORS, Flow.PULL, "Vendors", List.of("1", "2"), false, t0);
        List<NotificationQueue.Entry> read = queue.due(SyncModule.VENDORS, t0 + HOUR, 10);
        assertThat(read).hasSize(2);

        queue.add(SyncModule.VENDORS, Flow.PULL, "Vendors", List.of("2"), false, t0 + 100);
        assertThat(queue.done(read)).isEqualTo(1);

        assertThat(queue.all()).extracting(NotificationQueue.Entry::recordId).containsExactly("2");
    }

    @Test
    void aFailedDrainBacksOffAndTheModulesWithDueRowsAreFound() {
        long now = System.currentTimeMillis() + HOUR;
        queue.add(SyncModule.PRODUCTS, Flow.PULL, "Products", List.of("7"), false, now);
        queue.add(SyncModule.ACCOUNTS, Flow.PUSH, "contacts", List.of("8"), false, now + 10_000);
        assertThat(queue.dueModules(now + 500)).containsExactly(SyncModule.PRODUCTS);
        assertThat(queue.due(SyncModule.PRODUCTS, now + 500, 10)).hasSize(1);

        queue.retryLater(queue.due(SyncModule.PRODUCTS, now + 500, 10), now + 500);
        queue.retryLater(queue.due(SyncModule.PRODUCTS, now + 6_000, 10), now + 6_000);

        NotificationQueue.Entry e = queue.all().stream().filter(x -> x.recordId().equals("7")).findFirst().orElseThrow();
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.dueAt()).isEqualTo(now + 6_000 + 10_000);
        assertThat(NotificationQueue.backoff(20)).isEqualTo(NotificationQueue.MAX_BACKOFF);
        assertThat(queue.depth().get("products").get("queued")).isEqualTo(1);
    }
}
