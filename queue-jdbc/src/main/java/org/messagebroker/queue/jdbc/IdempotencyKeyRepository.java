package org.messagebroker.queue.jdbc;

import java.time.Instant;
import java.util.Optional;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.core.queue.Enqueued;
import org.messagebroker.core.queue.IdempotencyKey;
import org.messagebroker.core.queue.QueuedMessage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code queue_idempotency} table; used inside the enqueue's transaction. */
final class IdempotencyKeyRepository {

    private final JdbcClient jdbc;
    private final String insertIfAbsent;

    IdempotencyKeyRepository(JdbcClient jdbc, DatabaseVendor vendor) {
        this.jdbc = jdbc;
        this.insertIfAbsent = vendor.insertIfAbsent("INTO queue_idempotency (client_id, idem_key, request_hash,"
                + " message_id, queued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)", "");
    }

    /**
     * Records the key for this message unless a live record holds it (an expired one is dropped first).
     * A concurrent request with the same key waits on the primary key and then finds it taken.
     */
    boolean record(QueuedMessage message, IdempotencyKey key, long now) {
        jdbc.sql("DELETE FROM queue_idempotency WHERE client_id = ? AND idem_key = ? AND expires_at <= ?")
                .params(key.clientId(), key.key(), now).update();
        try {
            return jdbc.sql(insertIfAbsent).params(key.clientId(), key.key(), key.requestHash(), message.messageId(),
                    message.queuedAt().toEpochMilli(), now + key.ttl().toMillis()).update() == 1;
        } catch (DuplicateKeyException concurrentRequest) {
            return false;
        }
    }

    /** Drops the key recorded for a message that was then not enqueued after all. */
    void forget(IdempotencyKey key) {
        jdbc.sql("DELETE FROM queue_idempotency WHERE client_id = ? AND idem_key = ?").params(key.clientId(), key.key())
                .update();
    }

    /** The first request's message for this key, as a replayed outcome. */
    Optional<Enqueued> existing(IdempotencyKey key) {
        return jdbc.sql("SELECT message_id, queued_at, request_hash FROM queue_idempotency"
                        + " WHERE client_id = ? AND idem_key = ?")
                .params(key.clientId(), key.key())
                .query((rs, row) -> new Enqueued(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), 0, true,
                        rs.getString(3)))
                .optional();
    }
}
