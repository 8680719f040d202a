package org.messagebroker.server.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code PARTITION BY RANGE COLUMNS (queued_at)}: partitions {@code pYYYY_MM}, the first also holding every
 * earlier month, and {@code pfuture} for anything past the last. MariaDB wants the partition column in every
 * unique key and allows no foreign key on a partitioned table: the key to {@code clients} goes (clients are
 * deactivated, never deleted).
 */
final class MariaDbPartitions implements PartitionSql {

    private static final String PARTITIONS = "SELECT PARTITION_NAME FROM information_schema.PARTITIONS"
            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'messages' AND PARTITION_NAME IS NOT NULL";

    @Override
    public boolean partitioned(Connection connection) throws SQLException {
        return !PartitionSql.strings(connection, PARTITIONS).isEmpty();
    }

    @Override
    public void convert(Connection connection, List<YearMonth> months) throws SQLException {
        // Two statements, not one: MariaDB's DDL is not transactional, and a start interrupted between them
        // repeats the first harmlessly (IF EXISTS) while the second, which copies the table, is atomic.
        PartitionSql.execute(connection, "ALTER TABLE messages DROP FOREIGN KEY IF EXISTS fk_messages_client");
        PartitionSql.execute(connection, "ALTER TABLE messages DROP PRIMARY KEY, ADD PRIMARY KEY (id, queued_at),"
                + " DROP INDEX uq_messages_message_id,"
                + " ADD CONSTRAINT uq_messages_message_id UNIQUE (message_id, queued_at)"
                + " PARTITION BY RANGE COLUMNS (queued_at) (" + definitions(months) + ")");
    }

    @Override
    public List<YearMonth> months(Connection connection) throws SQLException {
        return PartitionSql.months(PartitionSql.strings(connection, PARTITIONS), "p");
    }

    @Override
    public void add(Connection connection, List<YearMonth> months) throws SQLException {
        PartitionSql.execute(connection, "ALTER TABLE messages REORGANIZE PARTITION pfuture INTO ("
                + definitions(months) + ")");
    }

    @Override
    public long dropIfExpired(Connection connection, YearMonth month, Instant cutoff) throws SQLException {
        String partition = "messages PARTITION (p" + month.format(NAME) + ")";
        PartitionSql.execute(connection, "LOCK TABLES messages WRITE");
        try {
            if (PartitionSql.count(connection, "SELECT COUNT(*) FROM " + partition + " WHERE " + KEEP, cutoff) > 0) {
                return -1;
            }
            long rows = PartitionSql.count(connection, "SELECT COUNT(*) FROM " + partition, null);
            PartitionSql.execute(connection, "ALTER TABLE messages DROP PARTITION p" + month.format(NAME));
            return rows;
        } finally {
            PartitionSql.execute(connection, "UNLOCK TABLES");
        }
    }

    /** Each month's partition up to the next month's start, then {@code pfuture}. */
    private static String definitions(List<YearMonth> months) {
        return months.stream().map(m -> "PARTITION p" + m.format(NAME) + " VALUES LESS THAN ("
                        + PartitionSql.start(m.plusMonths(1)) + ")")
                .collect(Collectors.joining(", ", "", ", PARTITION pfuture VALUES LESS THAN (MAXVALUE)"));
    }
}
