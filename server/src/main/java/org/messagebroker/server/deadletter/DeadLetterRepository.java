package org.messagebroker.server.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.messagebroker.core.delivery.FailureReport.Failure;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.server.storage.DbTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code dead_letters} table: what the workers gave up on, kept sealed until replayed or discarded. */
@Repository
public class DeadLetterRepository {

    private final JdbcClient jdbc;

    public DeadLetterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the failure unless this message is recorded already (workers may report twice). */
    boolean insertIfAbsent(Failure failure) {
        QueuedMessage m = failure.message();
        if (find(m.messageId()).isPresent()) {
            return false;
        }
        try {
            jdbc.sql("INSERT INTO dead_letters (message_id, client_id, domain, queued_at, sealed, reason, attempt_count,"
                            + " failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(m.messageId(), m.clientId(), m.domain(), DbTime.utc(m.queuedAt()), m.sealed(),
                            truncate(failure.reason()), failure.attemptCount(), DbTime.utc(failure.failedAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException concurrentReport) {
            return false;
        }
    }

    Optional<DeadLetterRow> find(String messageId) {
        return jdbc.sql("SELECT * FROM dead_letters WHERE message_id = ?").param(messageId)
                .query(DeadLetterRepository::row).optional();
    }

    List<DeadLetterRow> page(String status, int offset, int limit) {
        return jdbc.sql("SELECT * FROM dead_letters WHERE status = ? ORDER BY failed_at DESC, id DESC"
                        + " LIMIT ? OFFSET ?")
                .params(status, limit, offset).query(DeadLetterRepository::row).list();
    }

    public long count(String status) {
        return jdbc.sql("SELECT COUNT(*) FROM dead_letters WHERE status = ?").param(status).query(Long.class).single();
    }

    /** Moves a pending dead letter to {@code replayed} or {@code discarded}; answers whether it was pending. */
    boolean resolve(String messageId, String status, Instant at) {
        return jdbc.sql("UPDATE dead_letters SET status = ?, resolved_at = ? WHERE message_id = ? AND status = 'pending'")
                .params(status, DbTime.utc(at), messageId).update() == 1;
    }

    private static String truncate(String reason) {
        String text = reason == null ? "unknown" : reason;
        return text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static DeadLetterRow row(ResultSet rs, int rowNumber) throws SQLException {
        return new DeadLetterRow(new QueuedMessage(rs.getString("message_id"), rs.getString("client_id"),
                rs.getString("domain"), DbTime.instant(rs.getObject("queued_at", LocalDateTime.class)),
                rs.getString("sealed")), rs.getString("reason"), rs.getInt("attempt_count"), rs.getString("status"),
                DbTime.instant(rs.getObject("failed_at", LocalDateTime.class)),
                DbTime.instant(rs.getObject("resolved_at", LocalDateTime.class)));
    }

    record DeadLetterRow(QueuedMessage message, String reason, int attemptCount, String status, Instant failedAt,
            Instant resolvedAt) {
    }
}
