package org.messagebroker.cli.database;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.messagebroker.cli.UserError;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.server.storage.DatabaseConfiguration;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Which server database to read or fill: the server's own settings (DB_URL, DB_USERNAME, DB_PASSWORD),
 * or the embedded SQLite database of the data directory. The password is never a command-line argument,
 * where other users could read it in the process list.
 */
public final class DatabaseOptions {

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:DB_URL}",
            description = "The server's database (default: $DB_URL, else the embedded database in the data directory).")
    String url;

    @Option(names = "--db-username", paramLabel = "USER", defaultValue = "${env:DB_USERNAME:-sa}",
            description = "Database user (default: $DB_USERNAME, else sa). The password is read from $DB_PASSWORD.")
    String username;

    public String url(Path dataDir) {
        // SQLite lets other processes read the embedded database while the server writes to it.
        return url != null && !url.isBlank() ? url : EmbeddedDatabases.url(EmbeddedDatabases.serverDatabase(dataDir));
    }

    public DatabaseVendor vendor(Path dataDir) {
        return DatabaseVendor.of(url(dataDir));
    }

    /** A connection to the server's database, which must exist (an embedded one is not created here). */
    public Connection connect(Path dataDir) throws SQLException {
        Path embedded = EmbeddedDatabases.serverDatabase(dataDir);
        if ((url == null || url.isBlank()) && Files.notExists(embedded)) {
            throw new UserError("there is no database at " + embedded
                    + ": give the server's data directory (--data-dir) or its database (--db-url)");
        }
        return DriverManager.getConnection(url(dataDir), username, password());
    }

    /** Brings the schema to this version of the code, exactly as the server does at start. */
    public void migrate(Path dataDir) {
        migrate(url(dataDir), username, password(), vendor(dataDir));
    }

    private static String password() {
        return System.getenv().getOrDefault("DB_PASSWORD", "");
    }

    public static void migrate(String url, String username, String password, DatabaseVendor vendor) {
        // The server logs its migrations; on the operator's terminal they would bury the report.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.flywaydb")).setLevel(Level.ERROR);
        DatabaseConfiguration.migrations(Flyway.configure().dataSource(url, username, password), vendor).load().migrate();
    }
}
