package org.messagebroker.cli.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.server.backup.DatabaseDump;

/** Loads a backup's tables into a migrated, empty schema in one transaction. */
final class TableImport {

    private TableImport() {
    }

    /** Answers the rows imported per table; nothing is committed unless every table loaded. */
    static Map<String, Long> run(BackupArchive.Opened backup, Connection connection, DatabaseVendor vendor)
            throws SQLException, IOException {
        for (String table : DatabaseDump.TABLES) {
            if (DatabaseDump.count(connection, table) > 0) {
                throw new BackupFailure("the target database already holds " + table
                        + "; restore only onto an empty installation (a server that never started)");
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        connection.setAutoCommit(false);
        try {
            for (String table : DatabaseDump.TABLES) {
                if (!backup.holds(entry(table))) {
                    continue; // a table newer than the backup (webhooks came in 1.1): it stays empty
                }
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(backup.read(entry(table)), StandardCharsets.UTF_8))) {
                    counts.put(table, DatabaseDump.importTable(connection, table, lines));
                }
                DatabaseDump.resetIdentity(connection, table, vendor);
            }
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        return counts;
    }

    static String entry(String table) {
        return "db/" + table + ".jsonl";
    }
}
