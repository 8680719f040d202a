package org.messagebroker.cli.database;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.messagebroker.cli.UserError;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.queue.jdbc.JdbcQueueConfiguration;
import org.messagebroker.server.backup.DatabaseDump;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a data directory of version 1.0 (H2 files) to the embedded SQLite databases, once, at the first
 * start of this version: the server's tables and everything still in the queue (waiting messages, dead
 * letters, idempotency keys), so that no accepted message is left behind by the upgrade. The H2 files are
 * kept, renamed {@code *.mv.db.imported}, until the operator deletes them.
 */
public final class LegacyH2Import {

    private static final Logger log = LoggerFactory.getLogger(LegacyH2Import.class);
    /** The server's tables in version 1.0, parents first (later versions added more). */
    public static final List<String> SERVER_TABLES = List.of("users", "clients", "certificates", "messages",
            "dead_letters", "refresh_tokens", "audit_log");
    private static final List<String> QUEUE_TABLES = List.of("queue_entries", "queue_dead_letters", "queue_idempotency");

    private LegacyH2Import() {
    }

    /**
     * Imports whichever of the two H2 databases exists and has not been imported yet, unless the settings
     * put that database elsewhere ({@code DB_URL}, {@code QUEUE_JDBC_URL}). Run by the server's start.
     */
    public static void runIfNeeded(Path dataDir, boolean serverDatabaseElsewhere, boolean queueElsewhere) {
        if (!serverDatabaseElsewhere) {
            importOnce(legacyServerDatabase(dataDir), EmbeddedDatabases.serverDatabase(dataDir), SERVER_TABLES,
                    target -> DatabaseOptions.migrate(target, "", "", DatabaseVendor.SQLITE));
        }
        if (!queueElsewhere) {
            importOnce(legacyQueue(dataDir), EmbeddedDatabases.queueDatabase(dataDir), QUEUE_TABLES,
                    JdbcQueueConfiguration::migrate);
        }
    }

    /** Whether a version 1.0 queue waits to be imported (only the server's start does that). */
    public static boolean queueWaiting(Path dataDir) {
        return Files.exists(legacyQueue(dataDir)) && Files.notExists(EmbeddedDatabases.queueDatabase(dataDir));
    }

    private static Path legacyServerDatabase(Path dataDir) {
        return dataDir.resolve("db/broker.mv.db");
    }

    private static Path legacyQueue(Path dataDir) {
        return dataDir.resolve("queue/queue.mv.db");
    }

    private static void importOnce(Path h2File, Path target, List<String> tables, Migration migration) {
        if (Files.notExists(h2File) || Files.exists(target)) {
            return;
        }
        String h2 = h2File.toString().substring(0, h2File.toString().length() - ".mv.db".length());
        String targetUrl = EmbeddedDatabases.url(target);
        log.info("Importing the version 1.0 database {} into {}", h2File, target);
        try {
            migration.migrate(targetUrl);
            try (Connection from = DriverManager.getConnection("jdbc:h2:file:" + h2 + ";ACCESS_MODE_DATA=r", "sa", "");
                    Connection to = DriverManager.getConnection(targetUrl)) {
                to.setAutoCommit(false);
                for (String table : tables) {
                    log.info("  {}: {} rows", table, copy(from, to, table, target.resolveSibling(table + ".import")));
                }
                to.commit();
            }
            Files.move(h2File, h2File.resolveSibling(h2File.getFileName() + ".imported"));
        } catch (SQLException | IOException | RuntimeException e) {
            deleteQuietly(target);
            throw new UserError("cannot import the version 1.0 database " + h2File + " (" + e.getMessage()
                    + "); it is unchanged. Start the previous version, or restore a backup made with it ('broker restore').");
        }
    }

    private static long copy(Connection from, Connection to, String table, Path scratch) throws SQLException, IOException {
        try {
            try (BufferedWriter out = Files.newBufferedWriter(scratch)) {
                DatabaseDump.export(from, table, out);
            }
            try (BufferedReader in = Files.newBufferedReader(scratch)) {
                return DatabaseDump.importTable(to, table, in);
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static void deleteQuietly(Path target) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(target.resolveSibling(target.getFileName() + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private interface Migration {
        void migrate(String url);
    }
}
