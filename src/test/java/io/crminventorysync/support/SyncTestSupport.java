package io.crminventorysync.support;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.sandbox.SandboxAdmin;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.ModuleControl;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.ModuleSettingsStore;
import io.crminventorysync.sync.RunError;
import io.crminventorysync.sync.RunStore;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DeletePolicy;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the tests that run whole syncs: the real service on a random port, its sandbox over real
 * HTTP, the real database and Camel routes. Every test starts from an empty sandbox, empty sync
 * tables and the configured module settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SyncTestSupport {

    @Autowired protected SandboxAdmin sandbox;
    @Autowired protected JdbcTemplate jdbc;
    @Autowired protected ModuleSettingsStore settings;
    @Autowired protected ModuleControl control;
    @Autowired protected RunStore runs;
    @Autowired protected BindingStore bindings;
    @Autowired protected SyncProperties properties;
    @Autowired protected TestRestTemplate http;
    @Autowired protected CamelContext camel;
    @Autowired protected io.crminventorysync.mapping.MappingVersions mappingVersions;

    @BeforeEach
    void startFromNothing() {
        sandbox.reset();
        DatabaseCleaner.clean(jdbc);
        // a mapping version saved by an earlier test of this context is gone: back to the files
        for (SyncModule module : SyncModule.values()) {
            mappingVersions.refresh(module.id());
        }
        for (SyncModule module : SyncModule.values()) {
            configure(module.id(), DuplicatePolicy.SKIP, null, module == SyncModule.ACCOUNTS ? CrmSide.ACCOUNTS_AND_CONTACTS : null);
        }
    }

    protected ModuleSettings configure(String module, DuplicatePolicy policy, String viewId, CrmSide side) {
        ModuleSettings s = settings.get(SyncModule.of(module));
        return settings.save(new ModuleSettings(s.module(), Direction.ONE_WAY, policy, s.conflictPolicy(),
                DeletePolicy.valueOf(properties.module(module).getDeletePolicy()), viewId, side,
                properties.module(module).getCron(), properties.module(module).getReconcileCron(), false, null, null));
    }

    /** HTTP client of the running service, logged in as the configured operator (HTTP Basic). */
    protected TestRestTemplate api() {
        return http.withBasicAuth(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
    }

    /**
     * Starts a run in the background ({@code start} returns its id) and waits, with Camel's
     * NotifyBuilder, until the module's run route has carried it to its end.
     */
    protected RunSummary startAndWait(SyncModule module, LongSupplier start) {
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute(module.id() + "-run").whenDone(1).create();
        long runId = start.getAsLong();
        assertThat(done.matches(60, TimeUnit.SECONDS)).as("run " + runId + " of " + module + " ended within 60 s").isTrue();
        // the route is done; the run is closed right after it, in the same thread
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                runs.get(runId).orElseThrow().status() != io.crminventorysync.sync.SyncEnums.RunStatus.RUNNING);
        return runs.get(runId).orElseThrow();
    }

    /** Runs a module now; every run of every scenario must account for each record it read. */
    protected RunSummary run(String module) {
        return countsAddUp(control.runNow(SyncModule.of(module), Trigger.SCHEDULE));
    }

    /** read = created + updated + unchanged + skipped + failed + notCopied, in each flow (README, "Counts"). */
    protected static RunSummary countsAddUp(RunSummary run) {
        if (run.status() != io.crminventorysync.sync.SyncEnums.RunStatus.FAILED) {
            for (RunSummary.Counts c : List.of(run.pull(), run.push())) {
                assertThat(c.created() + c.updated() + c.unchanged() + c.skipped() + c.failed() + c.notCopied())
                        .as("every record read is counted once in %s", c).isEqualTo(c.read());
            }
        }
        return run;
    }

    protected String demo(String key) {
        String id = sandbox.demoIds().get(key);
        if (id == null) {
            throw new IllegalArgumentException("no demo record " + key + " in " + sandbox.demoIds().keySet());
        }
        return id;
    }

    protected long inventoryWrites() {
        return sandbox.count("inventory.write");
    }

    protected List<RunError> pullErrors(RunSummary run) {
        return runs.errors(run.id(), Flow.PULL);
    }

    protected Binding binding(String module, BindingKind kind, String crmId) {
        return bindings.byCrmId(SyncModule.of(module), kind, crmId).orElseThrow(() -> new AssertionError("no binding of " + crmId));
    }
}
