package org.messagebroker.server.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.messagebroker.server.outbox.LastError;
import org.messagebroker.server.storage.DbTime;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_events} outbox. An event is {@code pending} until its receiver answers 2xx
 * ({@code delivered}) or its retries run out ({@code failed}, kept for an admin to replay). Of a client's
 * pending events only the one with the lowest sequence number is due: a client receives its events in order.
 */
@Repository
public class WebhookEventRepository {

    private static final String COLUMNS = "id, event_id, client_id, sequence_number, event_type, subject, data,"
            + " status, attempts, next_attempt_at, last_status_code, last_error, created_at, completed_at";

    private final JdbcClient jdbc;

    public WebhookEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String eventId, String clientId, long sequence, WebhookEventType type, String subject,
            String data, Instant now) {
        jdbc.sql("INSERT INTO webhook_events (event_id, client_id, sequence_number, event_type, subject, data, status,"
                        + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)")
                .params(eventId, clientId, sequence, type.wireName(), subject, data, DbTime.utc(now), DbTime.utc(now))
                .update();
    }

    public boolean exists(String clientId, WebhookEventType type, String subject) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_events WHERE client_id = ? AND event_type = ? AND subject = ?")
                .params(clientId, type.wireName(), subject).query(Long.class).single() > 0;
    }

    /** The pending events due now that head their client's queue, oldest first. */
    public List<WebhookEvent> dueHeads(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_events e WHERE e.status = 'pending'"
                        + " AND e.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM webhook_events p"
                        + " WHERE p.client_id = e.client_id AND p.status = 'pending'"
                        + " AND p.sequence_number < e.sequence_number) ORDER BY e.id LIMIT ?")
                .params(DbTime.utc(now), limit).query(WebhookEventRepository::row).list();
    }

    /**
     * Takes a due event for one attempt, until {@code leaseUntil}: another server polling the same database
     * skips it meanwhile. Answers false when someone else took it first.
     */
    public boolean claim(long id, Instant now, Instant leaseUntil) {
        return jdbc.sql("UPDATE webhook_events SET next_attempt_at = ? WHERE id = ? AND status = 'pending'"
                        + " AND next_attempt_at <= ?")
                .params(DbTime.utc(leaseUntil), id, DbTime.utc(now)).update() == 1;
    }

    public void delivered(long id, int attempts, int statusCode, Instant now) {
        finish(id, "delivered", attempts, statusCode, null, now);
    }

    public void failed(long id, int attempts, Integer statusCode, String error, Instant now) {
        finish(id, "failed", attempts, statusCode, error, now);
    }

    public void retryAt(long id, int attempts, Integer statusCode, String error, Instant next) {
        jdbc.sql("UPDATE webhook_events SET attempts = ?, last_status_code = ?, last_error = ?, next_attempt_at = ?"
                        + " WHERE id = ?")
                .params(attempts, new SqlParameterValue(Types.INTEGER, statusCode), new SqlParameterValue(Types.VARCHAR,
                        LastError.fitted(error)), DbTime.utc(next), id).update();
    }

    private void finish(long id, String status, int attempts, Integer statusCode, String error, Instant now) {
        jdbc.sql("UPDATE webhook_events SET status = ?, attempts = ?, last_status_code = ?, last_error = ?,"
                        + " completed_at = ? WHERE id = ?")
                .params(status, attempts, new SqlParameterValue(Types.INTEGER, statusCode),
                        new SqlParameterValue(Types.VARCHAR, LastError.fitted(error)), DbTime.utc(now), id).update();
    }

    /** A failed event sent again, from its first attempt on. Answers false unless it had failed. */
    public boolean replay(String eventId, Instant now) {
        return jdbc.sql("UPDATE webhook_events SET status = 'pending', attempts = 0, next_attempt_at = ?,"
                        + " completed_at = NULL WHERE event_id = ? AND status = 'failed'")
                .params(DbTime.utc(now), eventId).update() == 1;
    }

    public String clientOf(String eventId) {
        return jdbc.sql("SELECT client_id FROM webhook_events WHERE event_id = ?").param(eventId).query(String.class)
                .single();
    }

    /** A client's events, newest first; {@code status} null for all. */
    public List<WebhookEvent> recent(String clientId, String status, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_events WHERE client_id = :client"
                        + (status == null ? "" : " AND status = :status")
                        + " ORDER BY sequence_number DESC LIMIT :limit OFFSET :offset")
                .param("client", clientId).param("status", status).param("limit", limit).param("offset", offset)
                .query(WebhookEventRepository::row).list();
    }

    public long count(String clientId, String status) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_events WHERE client_id = :client"
                        + (status == null ? "" : " AND status = :status"))
                .param("client", clientId).param("status", status).query(Long.class).single();
    }

    /** Events per status, of every client (the admin's overview and the metrics). */
    public Map<String, Map<String, Long>> countsByClient() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        jdbc.sql("SELECT client_id, status, COUNT(*) FROM webhook_events GROUP BY client_id, status")
                .query((rs, row) -> counts.computeIfAbsent(rs.getString(1), client -> new TreeMap<>())
                        .put(rs.getString(2), rs.getLong(3))).list();
        return counts;
    }

    /** A removed webhook's events that were still to be sent. */
    public int deletePending(String clientId) {
        return jdbc.sql("DELETE FROM webhook_events WHERE client_id = ? AND status = 'pending'").param(clientId)
                .update();
    }

    private static WebhookEvent row(ResultSet rs, int row) throws SQLException {
        Integer statusCode = rs.getInt("last_status_code");
        if (rs.wasNull()) {
            statusCode = null;
        }
        return new WebhookEvent(rs.getLong("id"), rs.getString("event_id"), rs.getString("client_id"),
                rs.getLong("sequence_number"), rs.getString("event_type"), rs.getString("subject"),
                rs.getString("data"), rs.getString("status"), rs.getInt("attempts"),
                DbTime.instant(rs.getObject("next_attempt_at", LocalDateTime.class)), statusCode,
                rs.getString("last_error"), DbTime.instant(rs.getObject("created_at", LocalDateTime.class)),
                DbTime.instant(rs.getObject("completed_at", LocalDateTime.class)));
    }

    /** An outbox row; {@code data} is the event's JSON data without content. */
    public record WebhookEvent(
            @JsonIgnore long id,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("sequence") long sequence,
            @JsonProperty("type") String type,
            @JsonProperty("subject") String subject,
            @JsonProperty("data") @JsonRawValue String data,
            @JsonProperty("status") String status,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("next_attempt_at") Instant nextAttemptAt,
            @JsonProperty("last_status_code") Integer lastStatusCode,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("completed_at") Instant completedAt) {
    }
}
