package org.messagebroker.server.notification;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.server.outbox.LastError;
import org.messagebroker.server.storage.DbTime;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code email_outbox}: lines to tell users, {@code pending} until the e-mail carrying them was
 * accepted by the SMTP server ({@code sent}) or its retries ran out ({@code failed}).
 */
@Repository
class EmailOutboxRepository {

    private final JdbcClient jdbc;
    private final String insert;

    EmailOutboxRepository(JdbcClient jdbc, DatabaseVendor vendor) {
        this.jdbc = jdbc;
        // The unique key (user_id, kind, dedupe_key) is the one check.
        this.insert = vendor.insertIfAbsent("INTO email_outbox (user_id, kind, dedupe_key, line, status,"
                + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)", "");
    }

    /** Adds a line unless one with the same key was added for the user before; answers whether it did. */
    boolean insert(long userId, NotificationKind kind, String dedupeKey, String line, Instant now) {
        return jdbc.sql(insert).params(userId, kind.name(), dedupeKey, line, DbTime.utc(now), DbTime.utc(now))
                .update() > 0;
    }

    /** Pending lines due now, oldest first, for the sender to join per user and kind. */
    List<OutboxLine> due(Instant now, int limit) {
        return jdbc.sql("SELECT * FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?")
                .params(DbTime.utc(now), limit).query(EmailOutboxRepository::row).list();
    }

    void sent(List<Long> ids, Instant now) {
        jdbc.sql("UPDATE email_outbox SET status = 'sent', attempts = attempts + 1, sent_at = :now, last_error = NULL"
                + " WHERE id IN (:ids)").param("now", DbTime.utc(now)).param("ids", ids).update();
    }

    void retryAt(List<Long> ids, String error, Instant next) {
        jdbc.sql("UPDATE email_outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next"
                        + " WHERE id IN (:ids)")
                .param("error", new SqlParameterValue(Types.VARCHAR, LastError.fitted(error))).param("next", DbTime.utc(next))
                .param("ids", ids).update();
    }

    void failed(List<Long> ids, String error) {
        jdbc.sql("UPDATE email_outbox SET status = 'failed', attempts = attempts + 1, last_error = :error"
                + " WHERE id IN (:ids)").param("error", new SqlParameterValue(Types.VARCHAR, LastError.fitted(error)))
                .param("ids", ids).update();
    }

    /** Newest first; {@code status} null for all. */
    List<OutboxLine> recent(String status, int offset, int limit) {
        return jdbc.sql("SELECT * FROM email_outbox" + (status == null ? "" : " WHERE status = :status")
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("status", status).param("limit", limit).param("offset", offset)
                .query(EmailOutboxRepository::row).list();
    }

    long count(String status) {
        return jdbc.sql("SELECT COUNT(*) FROM email_outbox" + (status == null ? "" : " WHERE status = :status"))
                .param("status", status).query(Long.class).single();
    }

    private static OutboxLine row(ResultSet rs, int row) throws SQLException {
        return new OutboxLine(rs.getLong("id"), rs.getLong("user_id"), NotificationKind.valueOf(rs.getString("kind")),
                rs.getString("line"), rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                DbTime.instant(rs.getObject("created_at", LocalDateTime.class)),
                DbTime.instant(rs.getObject("sent_at", LocalDateTime.class)));
    }

    record OutboxLine(
            @JsonProperty("id") long id,
            @JsonProperty("user_id") long userId,
            @JsonProperty("kind") NotificationKind kind,
            @JsonProperty("line") String line,
            @JsonProperty("status") String status,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("sent_at") Instant sentAt) {
    }
}
