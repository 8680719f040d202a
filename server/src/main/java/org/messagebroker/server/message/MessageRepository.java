package org.messagebroker.server.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.messagebroker.server.storage.DbTime;
import org.messagebroker.server.storage.PortalReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code messages} table. */
@Repository
public class MessageRepository {

    private final JdbcClient jdbc;
    private final PortalReads reads;

    public MessageRepository(JdbcClient jdbc, PortalReads reads) {
        this.jdbc = jdbc;
        this.reads = reads;
    }

    /**
     * Newest first, narrowed by the filter. The page's ids come from an index alone, and only its rows are
     * read: a deep page skips index entries, not whole rows (docs/performance.md, "The server's database").
     * Pages, counts and deliveries are the portal's reads: on the read replica if there is one.
     */
    public List<StoredMessage> page(MessageFilter filter, int offset, int limit) {
        return reads.read(db -> filtered(db, "SELECT m.* FROM messages m JOIN (SELECT id FROM messages", filter,
                " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset) page ON m.id = page.id"
                        + " ORDER BY m.created_at DESC, m.id DESC")
                .param("limit", limit).param("offset", offset)
                .query(MessageRepository::row).list());
    }

    public long count(MessageFilter filter) {
        return reads.read(db -> filtered(db, "SELECT COUNT(*) FROM messages", filter, "").query(Long.class).single());
    }

    /** Counts by status over the filter, for statistics. */
    public Map<String, Long> countByStatus(MessageFilter filter) {
        return reads.read(db -> {
            Map<String, Long> counts = new TreeMap<>();
            filtered(db, "SELECT status, COUNT(*) AS n FROM messages", filter, " GROUP BY status")
                    .query(rs -> {
                        counts.put(rs.getString(1), rs.getLong(2));
                    });
            return counts;
        });
    }

    /** Acceptance and storage times of up to {@code limit} messages delivered since {@code from}, newest first. */
    public List<Delivery> deliveries(Instant from, int limit) {
        return reads.read(db -> db.sql("SELECT queued_at, delivered_at FROM messages WHERE status = 'delivered'"
                        + " AND created_at >= ? ORDER BY created_at DESC LIMIT ?")
                .params(DbTime.utc(from), limit)
                .query((rs, n) -> new Delivery(DbTime.instant(rs.getObject(1, LocalDateTime.class)),
                        DbTime.instant(rs.getObject(2, LocalDateTime.class))))
                .list());
    }

    /** A stored message's way from acceptance at the proxy to storage. */
    public record Delivery(Instant queuedAt, Instant deliveredAt) {

        public double seconds() {
            return Duration.between(queuedAt, deliveredAt).toMillis() / 1000.0;
        }
    }

    public Optional<StoredMessage> find(String messageId) {
        return jdbc.sql("SELECT * FROM messages WHERE message_id = ?").param(messageId).query(MessageRepository::row)
                .optional();
    }

    /** Removes a {@code failed} row so a replayed dead letter can be stored as delivered. */
    public void deleteFailed(String messageId) {
        jdbc.sql("DELETE FROM messages WHERE message_id = ? AND status = 'failed'").param(messageId).update();
    }

    /** Up to {@code limit} rows encrypted under a key version other than {@code version}. */
    public List<StoredMessage> withKeyVersionOtherThan(int version, int limit) {
        return jdbc.sql("SELECT * FROM messages WHERE encryption_key_version <> ? ORDER BY id LIMIT ?")
                .params(version, limit).query(MessageRepository::row).list();
    }

    private static JdbcClient.StatementSpec filtered(JdbcClient db, String select, MessageFilter filter, String tail) {
        StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.clientId() != null) {
            sql.append(" AND client_id = :client");
            params.put("client", filter.clientId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            params.put("status", filter.status());
        }
        if (filter.from() != null) {
            sql.append(" AND created_at >= :from");
            params.put("from", DbTime.utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND created_at < :to");
            params.put("to", DbTime.utc(filter.to()));
        }
        if (filter.senderHash() != null) {
            sql.append(" AND sender_number_hashed = :sender");
            params.put("sender", filter.senderHash());
        }
        return db.sql(sql.append(tail).toString()).params(params);
    }

    private static StoredMessage row(ResultSet rs, int rowNumber) throws SQLException {
        return new StoredMessage(rs.getLong("id"), rs.getString("message_id"), rs.getString("client_id"), rs.getString("domain"),
                rs.getString("sender_number_hashed"), rs.getString("sender_number_encrypted"),
                rs.getString("encrypted_body"), rs.getInt("encryption_key_version"), rs.getString("status"),
                rs.getInt("attempt_count"), DbTime.instant(rs.getObject("created_at", LocalDateTime.class)),
                DbTime.instant(rs.getObject("queued_at", LocalDateTime.class)),
                DbTime.instant(rs.getObject("delivered_at", LocalDateTime.class)), rs.getString("error_message"),
                DbTime.instant(rs.getObject("last_attempt_at", LocalDateTime.class)));
    }
}
