package org.messagebroker.queue.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.messagebroker.core.queue.Enqueued;
import org.messagebroker.core.queue.Enqueueing;
import org.messagebroker.core.queue.QueuedMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts a batch of messages into {@code queue_entries} inside the caller's transaction: each idempotency
 * key is recorded first (a key already held answers the first request's message instead), then every new
 * message goes in with one multi-row insert.
 */
final class EntryWriter {

    private static final String INSERT = "INSERT INTO queue_entries (message_id, client_id, domain, queued_at, sealed,"
            + " attempts, due_at) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, 0, ?)";

    private final JdbcClient jdbc;
    private final IdempotencyTable idempotency;

    EntryWriter(JdbcClient jdbc, IdempotencyTable idempotency) {
        this.jdbc = jdbc;
        this.idempotency = idempotency;
    }

    /** One result per message, in order; the depth is left 0 for the caller to fill in. */
    List<Enqueued> write(List<Enqueueing> batch, long now) {
        List<Enqueued> results = new ArrayList<>(batch.size());
        List<QueuedMessage> fresh = new ArrayList<>(batch.size());
        for (Enqueueing item : batch) {
            QueuedMessage message = item.message();
            if (item.key() == null || idempotency.record(message, item.key(), now)) {
                fresh.add(message);
                results.add(new Enqueued(message.messageId(), message.queuedAt(), 0, false,
                        item.key() == null ? null : item.key().requestHash()));
            } else {
                results.add(idempotency.existing(item.key()).orElseThrow());
            }
        }
        if (!fresh.isEmpty()) {
            List<Object> values = new ArrayList<>(fresh.size() * 6);
            for (QueuedMessage m : fresh) {
                values.addAll(List.of(m.messageId(), m.clientId(), m.domain(), m.queuedAt().toEpochMilli(), m.sealed(), now));
            }
            jdbc.sql(INSERT + String.join(", ", Collections.nCopies(fresh.size(), ROW))).params(values).update();
        }
        return results;
    }
}
