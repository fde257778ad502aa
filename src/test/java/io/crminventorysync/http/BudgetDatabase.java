package io.crminventorysync.http;

import io.crminventorysync.config.SyncProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * An {@link ApiBudget} on a database of its own (H2 in MySQL mode, the budget's tables made by their
 * Flyway script), for tests of the HTTP layer that run without the application.
 */
final class BudgetDatabase {

    private BudgetDatabase() {
    }

    static DataSource fresh() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:budget-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/V14__api_budget.sql")).execute(ds);
        return ds;
    }

    static ApiBudget budget(SyncProperties properties, MeterRegistry registry) {
        return new ApiBudget(fresh(), properties, registry);
    }
}
