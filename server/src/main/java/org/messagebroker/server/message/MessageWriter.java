package org.messagebroker.server.message;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.server.storage.DbTime;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Inserts into {@code messages}, a batch in one statement: the unique key leaves out a row whose message is
 * stored already (also one inserted concurrently) without failing the statement, and RETURNING names only
 * the rows inserted, on every database. On a table partitioned by month that key is ({@code message_id},
 * {@code queued_at}), which still stores each message once: every delivery of a message carries the time
 * it was accepted. Rows go in {@code message_id} order, so overlapping concurrent batches lock in one order
 * and cannot deadlock.
 */
@Repository
public class MessageWriter {

    private static final String COLUMNS = "message_id, client_id, domain, sender_number_hashed,"
            + " sender_number_encrypted, encrypted_body, encryption_key_version, status, attempt_count, created_at,"
            + " queued_at, delivered_at, error_message, last_attempt_at";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final DatabaseVendor vendor;

    /** The rows are validated and their client checked before, as {@link DatabaseVendor#insertIfAbsent} needs. */
    public MessageWriter(JdbcClient jdbc, DatabaseVendor vendor) {
        this.jdbc = jdbc;
        this.vendor = vendor;
    }

    /** Inserts the rows whose id is new; answers the ids this call inserted. */
    public Set<String> insertAllIfAbsent(List<StoredMessage> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Map<String, StoredMessage> byId = new TreeMap<>();
        rows.forEach(row -> byId.putIfAbsent(row.messageId(), row));
        Collection<StoredMessage> ordered = byId.values();
        List<Object> values = new ArrayList<>(ordered.size() * 14);
        ordered.forEach(m -> values.addAll(List.of(m.messageId(), m.clientId(), m.domain(), m.senderNumberHashed(),
                m.senderNumberEncrypted(), m.encryptedBody(), m.keyVersion(), m.status(), m.attemptCount(),
                DbTime.utc(m.createdAt()), DbTime.utc(m.queuedAt()),
                // Typed, because for an untyped null Spring asks the driver for the column's type, which
                // MariaDB's driver answers with an exception: one thrown per stored message.
                new SqlParameterValue(Types.TIMESTAMP, DbTime.utc(m.deliveredAt())),
                new SqlParameterValue(Types.VARCHAR, m.errorMessage()),
                new SqlParameterValue(Types.TIMESTAMP, DbTime.utc(m.lastAttemptAt())))));
        String rowsValues = "INTO messages (" + COLUMNS + ") VALUES " + String.join(", ", Collections.nCopies(ordered.size(), ROW));
        return new HashSet<>(jdbc.sql(vendor.insertIfAbsent(rowsValues, " RETURNING message_id"))
                .params(values).query(String.class).list());
    }

    /** One row; answers whether it was new. */
    public boolean insertIfAbsent(StoredMessage row) {
        return !insertAllIfAbsent(List.of(row)).isEmpty();
    }
}
