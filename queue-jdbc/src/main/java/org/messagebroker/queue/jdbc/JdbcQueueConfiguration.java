package org.messagebroker.queue.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.core.queue.MessageQueue;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Wires the JDBC queue on its own connection pool and its own migration history
 * ({@code queue_schema_history}), so it can live in a database of its own or beside the server's tables.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JdbcQueueSettings.class)
@ConditionalOnProperty(name = "broker.queue.type", havingValue = "jdbc", matchIfMissing = true)
public class JdbcQueueConfiguration {

    /** Not a default candidate: a server that also has its own database must not mistake this pool for it. */
    @Bean(destroyMethod = "close", defaultCandidate = false)
    HikariDataSource queueDataSource(JdbcQueueSettings settings) {
        String url = settings.url();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("queue");
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(settings.username());
        dataSource.setPassword(settings.password());
        DatabaseVendor vendor = DatabaseVendor.of(url);
        dataSource.setMaximumPoolSize(vendor.poolSize(settings.poolSize()));
        // A remote database that does not answer in 3 s is down; the embedded one's only wait is its queue of writers.
        dataSource.setConnectionTimeout(vendor == DatabaseVendor.SQLITE ? 30_000 : 3_000);
        dataSource.setValidationTimeout(2_000);
        migrate(dataSource, url);
        return dataSource;
    }

    @Bean
    MessageQueue jdbcMessageQueue(@Qualifier("queueDataSource") HikariDataSource queueDataSource, Clock clock) {
        return new JdbcMessageQueue(JdbcClient.create(queueDataSource),
                new DataSourceTransactionManager(queueDataSource), DatabaseVendor.of(queueDataSource.getJdbcUrl()), clock);
    }

    /** Brings the queue's tables at {@code url} to this version of the code. */
    public static void migrate(String url) {
        migrate(new DriverManagerDataSource(url), url);
    }

    static void migrate(DataSource dataSource, String url) {
        Flyway.configure()
                .dataSource(dataSource)
                // Per vendor where the SQL differs, shared where it does not.
                .locations("classpath:db/queue/" + DatabaseVendor.of(url).folder(), "classpath:db/queue/common")
                .table("queue_schema_history")
                .ignoreMigrationPatterns(new String[0])
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
