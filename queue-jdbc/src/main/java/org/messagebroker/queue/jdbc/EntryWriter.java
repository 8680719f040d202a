package org.messagebroker.queue.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.core.queue.Enqueued;
import org.messagebroker.core.queue.Enqueueing;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.queue.RateDecision;
import org.messagebroker.core.queue.TokenBucket;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts a batch of messages into {@code queue_entries} inside the caller's transaction: each idempotency
 * key is recorded first (a key already held answers the first request's message instead, taking no
 * token), then the client's rate limit takes a token from its bucket (a message refused by it is not
 * written, nor is its key), then every new message goes in with one multi-row insert.
 */
final class EntryWriter {

    private static final String INSERT = "INSERT INTO queue_entries (message_id, client_id, domain, queued_at, sealed,"
            + " attempts, due_at) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, 0, ?)";

    private final JdbcClient jdbc;
    private final IdempotencyKeyRepository idempotency;
    private final RateBucketRepository rates;

    EntryWriter(JdbcClient jdbc, IdempotencyKeyRepository idempotency, RateBucketRepository rates) {
        this.jdbc = jdbc;
        this.idempotency = idempotency;
        this.rates = rates;
    }

    /** One result per message, in order; the depth is left 0 for the caller to fill in. */
    List<Enqueued> write(List<Enqueueing> batch, long now) {
        Map<String, Integer> limits = new HashMap<>();
        batch.stream().filter(Enqueueing::limited)
                .forEach(item -> limits.putIfAbsent(item.message().clientId(), item.ratePerMinute()));
        Map<String, TokenBucket> buckets = rates.lock(limits, now);
        List<Enqueued> results = new ArrayList<>(batch.size());
        List<QueuedMessage> fresh = new ArrayList<>(batch.size());
        for (Enqueueing item : batch) {
            QueuedMessage message = item.message();
            if (item.key() != null && !idempotency.record(message, item.key(), now)) {
                results.add(idempotency.existing(item.key()).orElseThrow());
                continue;
            }
            RateDecision rate = null;
            if (item.limited()) {
                TokenBucket bucket = buckets.get(message.clientId());
                boolean allowed = bucket.hasToken();
                bucket = allowed ? bucket.takeOne() : bucket;
                buckets.put(message.clientId(), bucket);
                rate = bucket.decision(limits.get(message.clientId()), allowed);
                if (!allowed) {
                    if (item.key() != null) {
                        idempotency.forget(item.key());
                    }
                    results.add(Enqueued.refused(rate));
                    continue;
                }
            }
            fresh.add(message);
            results.add(new Enqueued(message.messageId(), message.queuedAt(), 0, false,
                    item.key() == null ? null : item.key().requestHash(), rate));
        }
        rates.save(buckets);
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
