package io.crminventorysync.sync;

import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.http.InventoryPace;
import org.apache.camel.spi.ExecutorServiceManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The persistent repositories the routes name: their tables are created by Flyway, never by Camel. */
@Configuration(proxyBeanMethods = false)
public class CamelRepositories {

    /** Processor name of the pull's idempotent repository in CAMEL_MESSAGEPROCESSED. */
    public static final String PULL_PROCESSOR = "pull";

    /**
     * Lets a record whose mapped values did not change since they were last written through without
     * any API call; keys are module:record:crmId:fingerprint (see PullItem).
     */
    @Bean
    public JdbcMessageIdRepository pullIdempotentRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, PULL_PROCESSOR);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }

    /**
     * Contacts grouped under their account while a run reads its pages, kept in the database so the
     * groups of 100,000 accounts never sit in memory. Recovery is off: a group left by a crashed run
     * is dropped at the next run's start, which re-reads it (its cursor did not move).
     */
    @Bean
    public JdbcAggregationRepository contactAggregationRepository(PlatformTransactionManager tx, DataSource dataSource) {
        JdbcAggregationRepository repository = new JdbcAggregationRepository(tx, "contact_aggregation", dataSource);
        repository.setUseRecovery(false);
        repository.setAllowSerializedHeaders(false);
        return repository;
    }

    /**
     * Who writes records to Inventory, bound in Camel's registry (as Spring beans these executors would
     * stand in for Spring Boot's own task executor):
     * <ul>
     * <li>{@code groupExecutor}: completed account groups (routes/pull-groups.xml); the run waits for
     * them ({@code groupExecutor.awaitIdle()} in routes/accounts-run.xml) before its push and close.</li>
     * <li>{@code recordWriters}: the lanes of a page of independent records (routes/pull-pages.xml),
     * a parallel split that waits for its lanes itself.</li>
     * </ul>
     * Both hold at most as many records at once as the budget and Inventory's answer time need
     * ({@link InventoryPace#writers()}); their threads are Camel's, stopped with the context.
     */
    @Bean
    public CamelContextConfiguration recordWriterPools(InventoryPace pace, SyncProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // three modules may run at once on a node, each with its writers
                int threads = 3 * properties.getInventory().getMaxConcurrentCalls();
                ExecutorServiceManager pools = camelContext.getExecutorServiceManager();
                camelContext.getRegistry().bind("groupExecutor", new RecordWriters(
                        pools.newFixedThreadPool(this, "group-writer", threads), pace));
                camelContext.getRegistry().bind("recordWriters", new RecordWriters(
                        pools.newFixedThreadPool(this, "record-writer", threads), pace));
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
