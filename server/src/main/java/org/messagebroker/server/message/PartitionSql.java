package org.messagebroker.server.message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.messagebroker.server.storage.DbTime;

/**
 * One database's statements for {@code messages} partitioned by the month of {@code queued_at}. That column,
 * not {@code created_at}, because the time a message was accepted travels with it: every delivery of one
 * message carries the same {@code queued_at}, so the unique key ({@code message_id}, {@code queued_at}), which
 * a partitioned table needs in place of ({@code message_id}), still stores each message once.
 */
interface PartitionSql {

    DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy_MM");
    /** The filter of rows that must stay: not finished, or not yet past the retention age. */
    String KEEP = "status NOT IN ('delivered', 'failed') OR created_at >= ?";

    boolean partitioned(Connection connection) throws SQLException;

    /** Rebuilds the table partitioned: {@code months} ascending, the first also holding every earlier row. */
    void convert(Connection connection, List<YearMonth> months) throws SQLException;

    /** The monthly partitions there are, ascending. */
    List<YearMonth> months(Connection connection) throws SQLException;

    /** Adds partitions for months after the last one. */
    void add(Connection connection, List<YearMonth> months) throws SQLException;

    /**
     * Drops the month's partition if none of its rows is to be kept (each finished and created before the
     * cutoff), with writes to {@code messages} held while it decides; answers the rows dropped, or -1 if kept.
     */
    long dropIfExpired(Connection connection, YearMonth month, Instant cutoff) throws SQLException;

    /** The SQL literal of the month's first instant. */
    static String start(YearMonth month) {
        return "'" + month.atDay(1) + " 00:00:00'";
    }

    static long count(Connection connection, String sql, Instant cutoff) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (cutoff != null) {
                statement.setObject(1, DbTime.utc(cutoff));
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static List<String> strings(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** The months among partition names {@code <prefix>yyyy_MM}, others (the catch-alls) left out. */
    static List<YearMonth> months(List<String> names, String prefix) {
        return names.stream().filter(name -> name.matches(prefix + "\\d{4}_\\d{2}"))
                .map(name -> YearMonth.parse(name.substring(prefix.length()), NAME)).sorted().toList();
    }
}
