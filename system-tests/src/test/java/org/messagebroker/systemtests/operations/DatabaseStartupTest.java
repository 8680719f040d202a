package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.cli.database.EmbeddedDatabases;
import org.messagebroker.cli.run.Role;
import org.messagebroker.cli.run.RoleLauncher;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.systemtests.harness.RunningBroker;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Choosing the database is configuration only, and a database the server cannot use stops it clearly. */
class DatabaseStartupTest {

    /** With messages partitioned by month, as a large installation runs (docs/operations.md, "Scaling out"). */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"MARIADB", "POSTGRESQL"})
    void theWholePipelineRunsWithServerAndQueueOnOneDatabase(TestDatabase database, @TempDir Path dir)
            throws Exception {
        database.drop("broker_e2e");
        database.dataSource("broker_e2e").close();
        Map<String, Object> settings = Map.of(
                "DB_URL", database.url("broker_e2e"), "DB_USERNAME", database.user(),
                "DB_PASSWORD", database.password(), "QUEUE_JDBC_URL", database.url("broker_e2e"),
                "QUEUE_JDBC_USERNAME", database.user(), "QUEUE_JDBC_PASSWORD", database.password(),
                "broker.retention.partition-by-month", "true");
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.values()), settings)) {
            String body = "on " + database + " " + UUID.randomUUID();
            String id = broker.submit(body);
            String admin = broker.adminToken();
            assertThat(broker.awaitDelivered(admin, id).path("message_body").asString()).isEqualTo(body);
            assertThat(broker.getJson(admin, "/portal/messages?skip=0&limit=5").findValuesAsString("message_id"))
                    .containsExactly(id);
        }
        assertThat(monthlyPartitions(database)).as("this month and three ahead").hasSize(4);
    }

    @Test
    void partitionsAreRefusedOnTheEmbeddedDatabase(@TempDir Path dir) {
        assertThatThrownBy(() -> new RunningBroker(dir, List.of(Role.SERVER),
                Map.of("broker.retention.partition-by-month", "true")))
                .isInstanceOf(RoleLauncher.LaunchException.class)
                .hasMessageContaining("BROKER_RETENTION_PARTITION_BY_MONTH needs MariaDB/MySQL or PostgreSQL");
    }

    @Test
    void anUnreachableDatabaseStopsTheServerWithAClearMessage(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new RunningBroker(dir, List.of(Role.SERVER),
                Map.of("DB_URL", "jdbc:postgresql://127.0.0.1:1/nothing", "DB_USERNAME", "postgres",
                        "DB_CONNECT_TIMEOUT", "2000")))
                .isInstanceOf(RoleLauncher.LaunchException.class)
                .hasMessageStartingWith("cannot start the server: database error:")
                .hasMessageContaining("127.0.0.1");
        assertThat(Files.readString(dir.resolve("logs/server.log"))).as("the log says why, without a stack trace")
                .contains("APPLICATION FAILED TO START", "Connection to 127.0.0.1:1 refused")
                .doesNotContainPattern("\\n\\s+at [a-z]+\\.");
    }

    private static List<String> monthlyPartitions(TestDatabase database) {
        String catalog = database == TestDatabase.MARIADB
                ? "SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = 'broker_e2e'"
                + " AND TABLE_NAME = 'messages' AND PARTITION_NAME LIKE 'p2%'"
                : "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'messages'::regclass AND c.relname LIKE 'messages_2%'";
        try (HikariDataSource pool = database.dataSource("broker_e2e")) {
            return JdbcClient.create(pool).sql(catalog).query(String.class).list();
        }
    }

    @Test
    void aSchemaNewerThanTheCodeStopsTheServer(@TempDir Path dir) throws Exception {
        new RunningBroker(dir, List.of(Role.SERVER)).close();
        try (Connection connection = DriverManager.getConnection(
                DatabaseVendor.embeddedUrl(EmbeddedDatabases.serverDatabase(dir)));
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'sa', 1, TRUE)");
        }
        assertThatThrownBy(() -> new RunningBroker(dir, List.of(Role.SERVER)))
                .isInstanceOf(RoleLauncher.LaunchException.class)
                .hasMessageContaining("database schema does not match this version of the broker")
                .hasMessageContaining("99");
    }
}
