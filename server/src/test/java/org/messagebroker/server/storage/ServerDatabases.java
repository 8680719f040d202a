package org.messagebroker.server.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.util.EnumMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.core.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The server's schema on each test database, migrated from scratch once per test run, emptied per test. */
public final class ServerDatabases {

    private static final Map<TestDatabase, HikariDataSource> POOLS = new EnumMap<>(TestDatabase.class);
    private static final String[] TABLES_CHILDREN_FIRST = {"email_outbox", "webhook_events", "webhooks", "audit_log", "refresh_tokens", "dead_letters", "messages",
            "certificates", "clients", "users"};

    private ServerDatabases() {
    }

    public static synchronized HikariDataSource dataSource(TestDatabase database) {
        return POOLS.computeIfAbsent(database, db -> {
            HikariDataSource pool = db.dataSource("broker_server_test");
            Flyway flyway = DatabaseConfiguration.migrations(Flyway.configure().dataSource(pool).cleanDisabled(false),
                    vendor(db)).load();
            flyway.clean();
            flyway.migrate();
            // Production pools retire their connections (maxLifetime), the one that ran the migration too:
            // the tests work on connections that did not create the schema.
            pool.getHikariPoolMXBean().softEvictConnections();
            return pool;
        });
    }

    /** An empty schema on the given database. */
    public static JdbcClient empty(TestDatabase database) {
        JdbcClient jdbc = JdbcClient.create(dataSource(database));
        for (String table : TABLES_CHILDREN_FIRST) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        return jdbc;
    }

    /** The portal's reads on the given database, without a replica. */
    public static PortalReads reads(TestDatabase database) {
        return new PortalReads(dataSource(database));
    }

    public static DatabaseVendor vendor(TestDatabase database) {
        return DatabaseVendor.of(database.url("x"));
    }
}
