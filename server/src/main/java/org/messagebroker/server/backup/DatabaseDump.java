package org.messagebroker.server.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.core.DatabaseVendor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports the server's tables as JSON lines (one row a line) and imports them into an empty schema of
 * the same layout, keeping ids and resetting the id sequences. The export runs in one repeatable-read
 * transaction, so it is one consistent snapshot while the server keeps running.
 */
public final class DatabaseDump {

    /** Parents before children, so foreign keys hold during the import. */
    public static final List<String> TABLES = List.of("users", "clients", "certificates", "messages", "dead_letters",
            "refresh_tokens", "audit_log", "webhooks", "webhook_events", "email_outbox");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DatabaseDump() {
    }

    /** Writes one table; answers the number of rows. Run inside {@link #snapshot}. */
    public static long export(Connection connection, String table, Writer out) throws SQLException, IOException {
        long rows = 0;
        try (Statement statement = connection.createStatement();
                // By the first column: the id, or the key of a table that has none.
                ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = switch (meta.getColumnType(i)) {
                        case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                            LocalDateTime time = rs.getObject(i, LocalDateTime.class);
                            yield time == null ? null : time.toString();
                        }
                        case Types.CLOB, Types.LONGVARCHAR, Types.VARCHAR, Types.CHAR, Types.NCLOB -> rs.getString(i);
                        default -> rs.getObject(i);
                    };
                    row.put(meta.getColumnLabel(i).toLowerCase(), value);
                }
                out.write(JSON.writeValueAsString(row));
                out.write('\n');
                rows++;
            }
        }
        return rows;
    }

    /** Runs the export in one consistent snapshot. */
    public static <T> T snapshot(Connection connection, SqlWork<T> work) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            return work.run();
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Inserts the rows of one table (ids kept); answers the number of rows. */
    public static long importTable(Connection connection, String table, BufferedReader lines)
            throws SQLException, IOException {
        Map<String, Integer> types = columnTypes(connection, table);
        long rows = 0;
        List<String> columns = null;
        PreparedStatement insert = null;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                if (insert == null) {
                    // Every line of a table was exported from the same SELECT *: one statement serves them all.
                    columns = new ArrayList<>();
                    row.propertyNames().forEach(columns::add);
                    insert = connection.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns)
                            + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")");
                }
                for (int i = 0; i < columns.size(); i++) {
                    insert.setObject(i + 1, value(row.get(columns.get(i)), types.getOrDefault(columns.get(i), Types.VARCHAR)));
                }
                insert.executeUpdate();
                rows++;
            }
        } finally {
            if (insert != null) {
                insert.close();
            }
        }
        return rows;
    }

    /** After an import with explicit ids: new rows must continue after the highest one. */
    public static void resetIdentity(Connection connection, String table, DatabaseVendor vendor) throws SQLException {
        String restart = switch (vendor) {
            case SQLITE -> null; // a rowid continues after the highest id by itself
            case MYSQL -> "ALTER TABLE %s AUTO_INCREMENT = %d";
            case POSTGRESQL -> "SELECT setval(pg_get_serial_sequence('%s', 'id'), %d, false)";
        };
        if (restart == null) {
            return;
        }
        long next;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table)) {
            rs.next();
            next = rs.getLong(1);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(restart.formatted(table, next));
        }
    }

    public static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Object value(JsonNode node, int type) {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> LocalDateTime.parse(node.asString());
            case Types.BOOLEAN, Types.BIT -> node.isBoolean() ? node.asBoolean() : node.asInt() != 0;
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> node.asLong();
            case Types.DECIMAL, Types.NUMERIC -> new BigDecimal(node.asString());
            default -> node.isString() ? node.asString() : node.toString();
        };
    }

    private static Map<String, Integer> columnTypes(Connection connection, String table) throws SQLException {
        Map<String, Integer> types = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                types.put(meta.getColumnLabel(i).toLowerCase(), meta.getColumnType(i));
            }
        }
        return types;
    }

    /** Work with the connection that may throw what JDBC and I/O throw. */
    public interface SqlWork<T> {
        T run() throws SQLException, IOException;
    }
}
