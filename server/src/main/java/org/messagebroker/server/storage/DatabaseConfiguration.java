package org.messagebroker.server.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.messagebroker.core.DatabaseVendor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Selecting the database is configuration only: the JDBC URL picks the vendor, the vendor picks the
 * migrations ({@code db/server/h2|mysql|postgresql} plus {@code db/server/common}) and the few statements
 * that differ.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean
    DatabaseVendor databaseVendor(@Value("${spring.datasource.url}") String url) {
        return DatabaseVendor.of(url);
    }

    /** The pool Spring Boot made from the settings, limited as the vendor needs (one connection on SQLite). */
    @Bean
    static BeanPostProcessor vendorPoolSize() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
                    pool.setMaximumPoolSize(DatabaseVendor.of(pool.getJdbcUrl()).poolSize(pool.getMaximumPoolSize()));
                }
                return bean;
            }
        };
    }

    /** Message Broker 1.0's gauge: connections the server holds open to its database. */
    @Bean
    MeterBinder databaseConnectionsGauge(DataSource dataSource) {
        return meters -> Gauge.builder("main_server_db_connections", dataSource,
                ds -> ds instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null
                        ? pool.getHikariPoolMXBean().getTotalConnections() : Double.NaN).register(meters);
    }

    @Bean
    FlywayConfigurationCustomizer vendorMigrations(DatabaseVendor vendor) {
        // Flyway tolerates "future" migrations by default; a schema newer than this code must stop the server.
        return configuration -> configuration.locations(migrations(vendor)).ignoreMigrationPatterns(new String[0]);
    }

    /** Per vendor where the SQL differs, shared ({@code common}) where it does not. */
    public static String[] migrations(DatabaseVendor vendor) {
        return new String[] {"classpath:db/server/" + vendor.folder(), "classpath:db/server/common"};
    }
}
