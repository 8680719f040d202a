package org.messagebroker.core.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The queue in memory, for unit tests of its users: the same promises as the real backends (it passes
 * {@link MessageQueueContract}), nothing durable. One lock for everything; tests do not need more.
 */
public final class InMemoryQueue implements MessageQueue {

    private final Clock clock;
    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Idempotent> keys = new HashMap<>();
    private final Map<Long, DeadLetter> dead = new LinkedHashMap<>();
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private long nextId = 1;

    public InMemoryQueue(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized List<Enqueued> enqueueAll(List<Enqueueing> messages) {
        List<Enqueued> results = new ArrayList<>();
        long now = clock.millis();
        for (Enqueueing item : messages) {
            QueuedMessage message = item.message();
            IdempotencyKey key = item.key();
            Idempotent first = key == null ? null : keys.get(key.clientId() + "\u0000" + key.key());
            if (first != null && first.expiresAt > now) {
                results.add(new Enqueued(first.messageId, first.queuedAt, 0, true, first.requestHash));
                continue;
            }
            RateDecision rate = null;
            if (item.limited()) {
                TokenBucket bucket = buckets.getOrDefault(message.clientId(), TokenBucket.full(item.ratePerMinute(), now))
                        .refilled(item.ratePerMinute(), now);
                boolean allowed = bucket.hasToken();
                bucket = allowed ? bucket.takeOne() : bucket;
                buckets.put(message.clientId(), bucket);
                rate = bucket.decision(item.ratePerMinute(), allowed);
                if (!allowed) {
                    results.add(Enqueued.refused(rate));
                    continue;
                }
            }
            if (key != null) {
                keys.put(key.clientId() + "\u0000" + key.key(), new Idempotent(message.messageId(), message.queuedAt(),
                        key.requestHash(), now + key.ttl().toMillis()));
            }
            entries.put(nextId++, new Entry(message, 0, now, null, null));
            results.add(new Enqueued(message.messageId(), message.queuedAt(), 0, false,
                    key == null ? null : key.requestHash(), rate));
        }
        long depth = entries.size();
        return results.stream().map(e -> e.atDepth(depth)).toList();
    }

    @Override
    public synchronized List<ClaimedMessage> claim(String consumer, int max, Duration lease) {
        long now = clock.millis();
        String token = UUID.randomUUID().toString();
        List<ClaimedMessage> claimed = new ArrayList<>();
        entries.entrySet().stream().filter(e -> e.getValue().dueAt <= now)
                .sorted(Comparator.comparingLong((Map.Entry<Long, Entry> e) -> e.getValue().dueAt)
                        .thenComparing(Map.Entry::getKey))
                .limit(max).toList().forEach(e -> {
                    Entry entry = e.getValue();
                    e.setValue(new Entry(entry.message, entry.attempts, now + lease.toMillis(), consumer, token));
                    claimed.add(new ClaimedMessage(e.getKey() + ":" + token, entry.message, entry.attempts));
                });
        return claimed;
    }

    @Override
    public synchronized int releaseClaims(String consumer) {
        int released = 0;
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            if (consumer.equals(e.getValue().consumer)) {
                e.setValue(new Entry(e.getValue().message, e.getValue().attempts, clock.millis(), null, null));
                released++;
            }
        }
        return released;
    }

    @Override
    public synchronized void acknowledge(Collection<ClaimedMessage> messages) {
        messages.forEach(m -> held(m).ifPresent(entries::remove));
    }

    @Override
    public synchronized void retryLater(ClaimedMessage message, Instant dueAt, String reason) {
        held(message).ifPresent(id -> entries.put(id, new Entry(message.message(), message.attempts() + 1,
                dueAt.toEpochMilli(), null, null)));
    }

    @Override
    public synchronized void deadLetter(ClaimedMessage message, String reason) {
        held(message).ifPresent(id -> {
            entries.remove(id);
            dead.put(id, new DeadLetter(Long.toString(id), message.message(), message.attempts() + 1, reason,
                    clock.instant()));
        });
    }

    /** The entry's id if this claim still holds it. */
    private Optional<Long> held(ClaimedMessage message) {
        String[] receipt = message.receipt().split(":", 2);
        long id = Long.parseLong(receipt[0]);
        Entry entry = entries.get(id);
        return entry != null && receipt[1].equals(entry.token) ? Optional.of(id) : Optional.empty();
    }

    @Override
    public synchronized List<DeadLetter> deadLetters(int max) {
        return dead.values().stream().limit(max).toList();
    }

    @Override
    public synchronized void forgetDeadLetters(Collection<DeadLetter> recorded) {
        recorded.forEach(d -> dead.remove(Long.parseLong(d.receipt())));
    }

    @Override
    public synchronized Optional<QueuedStatus> find(String messageId) {
        Optional<QueuedStatus> waiting = entries.values().stream().filter(e -> e.message.messageId().equals(messageId))
                .findFirst().map(e -> new QueuedStatus(messageId, e.message.clientId(), e.message.queuedAt(), e.attempts));
        return waiting.or(() -> dead.values().stream().filter(d -> d.message().messageId().equals(messageId)).findFirst()
                .map(d -> new QueuedStatus(messageId, d.message().clientId(), d.message().queuedAt(), d.attempts())));
    }

    @Override
    public synchronized long depth() {
        return entries.size();
    }

    @Override
    public synchronized Optional<Instant> oldestQueuedAt() {
        return java.util.stream.Stream.concat(entries.values().stream().map(e -> e.message.queuedAt()),
                dead.values().stream().map(d -> d.message().queuedAt())).min(Comparator.naturalOrder());
    }

    private record Entry(QueuedMessage message, int attempts, long dueAt, String consumer, String token) {
    }

    private record Idempotent(String messageId, Instant queuedAt, String requestHash, long expiresAt) {
    }
}
