package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.EntryKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.support.DatabaseCleaner;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The stores behind runs, history, settings, bindings and the cluster-wide module claim, on a real database. */
@Tag("sql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SyncStoresTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired ModuleSettingsStore settings;
    @Autowired RunStore runs;
    @Autowired BindingStore bindings;
    @Autowired ModuleLock lock;
    @Autowired SyncRuns syncRuns;
    @Autowired Scheduler scheduler;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void flywayCreatedEveryTableAndQuartzUsesTheClusteredJdbcStore() throws Exception {
        Integer applied = jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE", Integer.class);
        assertThat(applied).isGreaterThanOrEqualTo(2);
        for (String table : List.of("module_settings", "sync_binding", "sync_run", "sync_run_error", "sync_cursor",
                "sync_module_lock", "sync_pending_create", "CAMEL_MESSAGEPROCESSED", "contact_aggregation",
                "contact_aggregation_completed", "QRTZ_TRIGGERS", "QRTZ_LOCKS", "QRTZ_SCHEDULER_STATE")) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table).isNotNull();
        }
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
    }

    @Test
    void everyModuleStartsWithTheConfiguredDefaults() {
        assertThat(settings.all()).extracting(ModuleSettings::module).containsExactly(SyncModule.ACCOUNTS, SyncModule.PRODUCTS, SyncModule.VENDORS);
        ModuleSettings accounts = settings.get(SyncModule.ACCOUNTS);
        assertThat(accounts.crmSide()).isEqualTo(CrmSide.ACCOUNTS_AND_CONTACTS);
        assertThat(accounts.duplicatePolicy()).isEqualTo(DuplicatePolicy.SKIP);
        assertThat(settings.get(SyncModule.PRODUCTS).crmSide()).isNull();
    }

    @Test
    void aViewForProductsIsRefusedNamingTheField() {
        ModuleSettings products = settings.get(SyncModule.PRODUCTS);
        ModuleSettings withView = new ModuleSettings(SyncModule.PRODUCTS, products.direction(), products.duplicatePolicy(),
                products.conflictPolicy(), products.deletePolicy(), "4150868000000087501", null, products.cron(), products.reconcileCron(), false, null, null);

        assertThatThrownBy(() -> settings.save(withView))
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(e -> assertThat(((InvalidSettingException) e).field()).isEqualTo("crmViewId"));
    }

    @Test
    void aSavedChangeIsReadBackAndMovesTheUpdateTime() {
        ModuleSettings before = settings.get(SyncModule.VENDORS);
        ModuleSettings changed = new ModuleSettings(SyncModule.VENDORS, before.direction(), DuplicatePolicy.OVERWRITE,
                before.conflictPolicy(), before.deletePolicy(), "4150868000000087501", null, "0 0 0/4 * * ?", "0 0 3 ? * SUN", false, null, null);

        ModuleSettings after = settings.save(changed);

        assertThat(after.duplicatePolicy()).isEqualTo(DuplicatePolicy.OVERWRITE);
        assertThat(after.crmViewId()).isEqualTo("4150868000000087501");
        assertThat(after.updatedAt()).isAfterOrEqualTo(before.updatedAt());
        settings.save(before);
    }

    @Test
    void aSecondRunOfTheSameModuleIsRefusedWithTheRunningRunsId() {
        RunProgress first = syncRuns.open(SyncModule.VENDORS, Trigger.SCHEDULE);

        assertThatThrownBy(() -> syncRuns.open(SyncModule.VENDORS, Trigger.INSTANT))
                .isInstanceOf(RunRefusedException.class)
                .satisfies(e -> assertThat(((RunRefusedException) e).runningRunId()).isEqualTo(first.runId()));
        assertThat(runs.history(SyncModule.VENDORS, 50)).hasSize(1);

        lock.release(SyncModule.VENDORS, first.runId());
        RunProgress next = syncRuns.open(SyncModule.VENDORS, Trigger.INSTANT);
        assertThat(next.runId()).isGreaterThan(first.runId());
    }

    @Test
    void aPausedModuleRefusesToRun() {
        settings.setPaused(SyncModule.PRODUCTS, true, "stock count in progress");

        assertThatThrownBy(() -> syncRuns.open(SyncModule.PRODUCTS, Trigger.INSTANT))
                .isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("paused: stock count in progress");
    }

    @Test
    void aRunWhoseNodeStoppedSendingHeartbeatsIsTakenOverAndMarkedFailed() {
        RunProgress dead = syncRuns.open(SyncModule.PRODUCTS, Trigger.SCHEDULE);
        jdbc.update("UPDATE sync_module_lock SET heartbeat_at = ? WHERE module = 'products'",
                Db.utc(Instant.now().minusSeconds(3600)));

        RunProgress takeover = syncRuns.open(SyncModule.PRODUCTS, Trigger.SCHEDULE);

        assertThat(takeover.runId()).isNotEqualTo(dead.runId());
        assertThat(runs.get(dead.runId()).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        assertThat(runs.get(dead.runId()).orElseThrow().message()).contains("heartbeats");
    }

    @Test
    void historyKeepsTheLastFiftyRunsWithErrorCountsByDirection() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            RunProgress p = new RunProgress(runs.open(SyncModule.ACCOUNTS, Trigger.SCHEDULE, "node-a", Instant.now()),
                    SyncModule.ACCOUNTS, RunRequest.of(Trigger.SCHEDULE), settings.get(SyncModule.ACCOUNTS), Instant.now(), null, null);
            runs.addError(p.runId(), Flow.PULL, EntryKind.ERROR, "4150868000000376008", "Email", "invalid email", "{}");
            if (i % 2 == 0) {
                runs.addError(p.runId(), Flow.PUSH, EntryKind.ERROR, "460000000012345", null, "duplicate data", "{}");
            }
            runs.addError(p.runId(), Flow.PULL, EntryKind.DUPLICATE_SKIPPED, "4150868000000376009", null, "exists", null);
            runs.close(p, RunStatus.PARTIAL, "1 failed", Instant.now());
            ids.add(p.runId());
        }

        List<RunSummary> history = runs.history(SyncModule.ACCOUNTS, 100);

        assertThat(history).hasSize(RunStore.HISTORY_SIZE);
        assertThat(history.get(0).id()).isEqualTo(ids.get(54));
        assertThat(history.get(0).pullErrorCount()).isEqualTo(1);
        assertThat(history.get(0).pushErrorCount()).isEqualTo(1);
        assertThat(history.get(1).pushErrorCount()).isZero();
        assertThat(runs.get(ids.get(0))).isEmpty();
        assertThat(runs.errors(ids.get(0), null)).isEmpty();
        assertThat(runs.errors(ids.get(54), Flow.PULL)).hasSize(2);
    }

    @Test
    void bindingACreatedRecordClearsItsJournalEntryInTheSameStep() {
        bindings.journalCreate(SyncModule.VENDORS, BindingKind.RECORD, Flow.PULL, "4150868000000411001", "Acme Supplies");
        assertThat(bindings.pendingCreate(SyncModule.VENDORS, BindingKind.RECORD, Flow.PULL, "4150868000000411001"))
                .contains("Acme Supplies");

        bindings.bind(new Binding(SyncModule.VENDORS, BindingKind.RECORD, "4150868000000411001", "460000000055001", null,
                "a".repeat(64), "b".repeat(64), Instant.parse("2026-11-25T10:00:00Z"), null, null),
                Flow.PULL, "4150868000000411001");

        assertThat(bindings.pendingCreate(SyncModule.VENDORS, BindingKind.RECORD, Flow.PULL, "4150868000000411001")).isEmpty();
        Binding stored = bindings.byInventoryId(SyncModule.VENDORS, BindingKind.RECORD, "460000000055001").orElseThrow();
        assertThat(stored.crmId()).isEqualTo("4150868000000411001");
        assertThat(stored.crmModifiedTime()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }
}
