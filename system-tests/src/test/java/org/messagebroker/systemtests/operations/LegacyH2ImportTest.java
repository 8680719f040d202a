package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.json;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.database.EmbeddedDatabases;
import org.messagebroker.cli.database.LegacyH2Import;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.server.backup.DatabaseDump;
import org.messagebroker.systemtests.harness.RunningBroker;

/**
 * Upgrading a version 1.0 data directory (H2 files): the first start imports the server's tables and what
 * was still in the queue, so a message accepted before the upgrade is delivered after it, and the accounts
 * still log in. The 1.0 directory is made the way 1.0 left it: its H2 schema, holding real rows.
 */
class LegacyH2ImportTest {

    private static final List<String> QUEUE_TABLES = List.of("queue_entries", "queue_dead_letters", "queue_idempotency");

    @TempDir
    Path dir;

    @Test
    void theFirstStartImportsAVersion10DataDirectoryAndDeliversWhatWasQueued() throws Exception {
        String messageId;
        try (RunningBroker before = new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY))) {
            HttpResponse<String> accepted = send(before.client("demo-client"), RunningBroker.postJson(
                    before.proxy("/api/v1/messages"), "{\"sender_number\":\"+4915200000000\",\"message_body\":\"upgrade\"}"));
            assertThat(accepted.statusCode()).isEqualTo(202);
            messageId = json(accepted).path("message_id").asString();
        }
        asVersion10(EmbeddedDatabases.serverDatabase(dir), dir.resolve("db/broker"), "legacy-h2/server",
                "flyway_schema_history", LegacyH2Import.SERVER_TABLES);
        asVersion10(EmbeddedDatabases.queueDatabase(dir), dir.resolve("queue/queue"), "legacy-h2/queue",
                "queue_schema_history", QUEUE_TABLES);

        try (RunningBroker after = new RunningBroker(dir, List.of(Role.SERVER, Role.WORKER, Role.PROXY))) {
            assertThat(dir.resolve("db/broker.mv.db.imported")).exists();
            assertThat(dir.resolve("queue/queue.mv.db.imported")).exists();
            assertThat(dir.resolve("db/broker.mv.db")).doesNotExist();
            String token = after.adminToken();
            HttpResponse<String> stored = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> send(after.client(null), HttpRequest.newBuilder(after.server("/portal/messages/" + messageId))
                            .header("Authorization", "Bearer " + token).GET()), r -> r.statusCode() == 200);
            assertThat(json(stored).path("message_body").asString()).isEqualTo("upgrade");
            assertThat(json(stored).path("status").asString()).isEqualTo("delivered");
        }
    }

    /** Columns added since 1.0 (a revocation's reason code) leave the copy, as they were not there. */
    private static void dropColumnsVersion10DidNotHave(Connection sqlite, Connection h2, String table) throws Exception {
        java.util.Set<String> old = new java.util.HashSet<>(columns(h2, table));
        for (String column : columns(sqlite, table)) {
            if (!old.contains(column)) {
                try (java.sql.Statement drop = sqlite.createStatement()) {
                    drop.execute("ALTER TABLE " + table + " DROP COLUMN " + column);
                }
            }
        }
    }

    private static List<String> columns(Connection connection, String table) throws Exception {
        try (java.sql.Statement select = connection.createStatement();
                java.sql.ResultSet rs = select.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            List<String> names = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            return names;
        }
    }

    /** Replaces the SQLite database by an H2 one of version 1.0's schema holding the same rows. */
    private static void asVersion10(Path sqlite, Path h2, String schema, String history, List<String> tables)
            throws Exception {
        String h2Url = "jdbc:h2:file:" + h2;
        Flyway.configure().dataSource(h2Url, "sa", "").locations("classpath:" + schema).table(history).load().migrate();
        try (Connection from = DriverManager.getConnection(DatabaseVendor.embeddedUrl(sqlite));
                Connection to = DriverManager.getConnection(h2Url, "sa", "")) {
            for (String table : tables) {
                dropColumnsVersion10DidNotHave(from, to, table);
                StringWriter rows = new StringWriter();
                DatabaseDump.export(from, table, rows);
                DatabaseDump.importTable(to, table, new BufferedReader(new StringReader(rows.toString())));
            }
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(sqlite.resolveSibling(sqlite.getFileName() + suffix));
        }
    }
}
