package org.messagebroker.queue.jdbc;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.messagebroker.core.queue.ClaimedMessage;
import org.messagebroker.core.queue.DeadLetter;
import org.messagebroker.core.queue.QueuedMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code queue_dead_letters} table: dead letters waiting to be handed to the server. */
final class QueueDeadLetterRepository {

    private final JdbcClient jdbc;

    QueueDeadLetterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ClaimedMessage message, String reason, long now) {
        QueuedMessage m = message.message();
        jdbc.sql("INSERT INTO queue_dead_letters (message_id, client_id, domain, queued_at, sealed, attempts, reason,"
                        + " dead_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(m.messageId(), m.clientId(), m.domain(), m.queuedAt().toEpochMilli(), m.sealed(),
                        message.attempts() + 1, JdbcMessageQueue.truncate(reason), now)
                .update();
    }

    List<DeadLetter> oldest(int max) {
        return jdbc.sql("SELECT * FROM queue_dead_letters ORDER BY id LIMIT ?").param(max)
                .query((rs, row) -> new DeadLetter(Long.toString(rs.getLong("id")),
                        new QueuedMessage(rs.getString("message_id"), rs.getString("client_id"), rs.getString("domain"),
                                Instant.ofEpochMilli(rs.getLong("queued_at")), rs.getString("sealed")),
                        rs.getInt("attempts"), rs.getString("reason"), Instant.ofEpochMilli(rs.getLong("dead_at"))))
                .list();
    }

    void forget(Collection<DeadLetter> recorded) {
        if (!recorded.isEmpty()) {
            jdbc.sql("DELETE FROM queue_dead_letters WHERE id IN (:ids)")
                    .param("ids", recorded.stream().map(d -> Long.parseLong(d.receipt())).toList()).update();
        }
    }
}
