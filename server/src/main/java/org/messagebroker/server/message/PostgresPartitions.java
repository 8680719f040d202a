package org.messagebroker.server.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * {@code PARTITION BY RANGE (queued_at)}: tables {@code messages_YYYY_MM}, the first from {@code MINVALUE}, and
 * {@code messages_default} for anything outside them. PostgreSQL cannot turn a table into a partitioned one,
 * so the rows are copied into a new table in one transaction that either completes or leaves the old table
 * as it was. PostgreSQL 15 has no identity column on a partitioned table: the ids continue from a sequence.
 */
final class PostgresPartitions implements PartitionSql {

    private static final String PARTITIONS = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            + " WHERE i.inhparent = 'messages'::regclass";

    @Override
    public boolean partitioned(Connection connection) throws SQLException {
        return PartitionSql.count(connection,
                "SELECT COUNT(*) FROM pg_class WHERE oid = 'messages'::regclass AND relkind = 'p'", null) > 0;
    }

    @Override
    public void convert(Connection connection, List<YearMonth> months) throws SQLException {
        inTransaction(connection, () -> {
            PartitionSql.execute(connection, "LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");
            // The secondary indexes as the migrations made them, to be made again on the new table.
            List<String> indexes = PartitionSql.strings(connection, "SELECT indexdef FROM pg_indexes"
                    + " WHERE schemaname = current_schema() AND tablename = 'messages' AND indexname NOT IN"
                    + " (SELECT conname FROM pg_constraint WHERE conrelid = 'messages'::regclass)");
            PartitionSql.execute(connection, "CREATE TABLE messages_by_month"
                    + " (LIKE messages INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (queued_at)");
            create(connection, "messages_by_month", months, true);
            PartitionSql.execute(connection, "CREATE TABLE messages_default PARTITION OF messages_by_month DEFAULT");
            PartitionSql.execute(connection, "INSERT INTO messages_by_month SELECT * FROM messages");
            PartitionSql.execute(connection, "DROP TABLE messages");
            PartitionSql.execute(connection, "ALTER TABLE messages_by_month RENAME TO messages");
            PartitionSql.execute(connection, "ALTER TABLE messages"
                    + " ADD CONSTRAINT messages_pkey PRIMARY KEY (id, queued_at),"
                    + " ADD CONSTRAINT uq_messages_message_id UNIQUE (message_id, queued_at),"
                    + " ADD CONSTRAINT fk_messages_client FOREIGN KEY (client_id) REFERENCES clients (client_id)");
            PartitionSql.execute(connection, "CREATE SEQUENCE messages_id_seq OWNED BY messages.id");
            PartitionSql.execute(connection, "SELECT setval('messages_id_seq', COALESCE(MAX(id), 0) + 1, false)"
                    + " FROM messages");
            PartitionSql.execute(connection,
                    "ALTER TABLE messages ALTER COLUMN id SET DEFAULT nextval('messages_id_seq')");
            for (String index : indexes) {
                PartitionSql.execute(connection, index);
            }
        });
    }

    @Override
    public List<YearMonth> months(Connection connection) throws SQLException {
        return PartitionSql.months(PartitionSql.strings(connection, PARTITIONS), "messages_");
    }

    @Override
    public void add(Connection connection, List<YearMonth> months) throws SQLException {
        inTransaction(connection, () -> create(connection, "messages", months, false));
    }

    @Override
    public long dropIfExpired(Connection connection, YearMonth month, Instant cutoff) throws SQLException {
        String partition = "messages_" + month.format(NAME);
        long[] rows = {-1};
        inTransaction(connection, () -> {
            // Writes wait (reads do not) until the decision is made; the parent first, as an insert locks it.
            PartitionSql.execute(connection, "LOCK TABLE messages IN SHARE ROW EXCLUSIVE MODE");
            if (PartitionSql.count(connection, "SELECT COUNT(*) FROM " + partition + " WHERE " + KEEP, cutoff) == 0) {
                rows[0] = PartitionSql.count(connection, "SELECT COUNT(*) FROM " + partition, null);
                PartitionSql.execute(connection, "DROP TABLE " + partition);
            }
        });
        return rows[0];
    }

    private static void create(Connection connection, String table, List<YearMonth> months, boolean firstFromMin)
            throws SQLException {
        for (YearMonth month : months) {
            String from = firstFromMin && month.equals(months.getFirst()) ? "MINVALUE" : PartitionSql.start(month);
            PartitionSql.execute(connection, "CREATE TABLE messages_" + month.format(NAME) + " PARTITION OF " + table
                    + " FOR VALUES FROM (" + from + ") TO (" + PartitionSql.start(month.plusMonths(1)) + ")");
        }
    }

    private interface SqlSteps {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, SqlSteps steps) throws SQLException {
        connection.setAutoCommit(false);
        try {
            steps.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
