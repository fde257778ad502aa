package io.crminventorysync.sync;

import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
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
     * Completed groups are handled in the thread that completed them, that is inside the run: by
     * default the aggregator hands them to a thread of its own, and the run would close before its
     * groups were written. Bound in Camel's registry only: as a Spring bean this executor would stand
     * in for Spring Boot's own task executor.
     */
    @Bean
    public CamelContextConfiguration groupExecutor() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.getRegistry().bind("groupExecutor", new SynchronousExecutorService());
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
