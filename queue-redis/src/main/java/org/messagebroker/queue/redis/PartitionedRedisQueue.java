package org.messagebroker.queue.redis;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.messagebroker.core.queue.ClaimedMessage;
import org.messagebroker.core.queue.DeadLetter;
import org.messagebroker.core.queue.Enqueued;
import org.messagebroker.core.queue.Enqueueing;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.QueuedStatus;

/**
 * The Redis queue in partitions, each a {@link RedisMessageQueue} under a hash tag of its own
 * ({@code {broker-0}:}, {@code {broker-1}:} …), so that Redis Cluster spreads them over its primaries.
 * A client's messages, idempotency keys and rate bucket live in the partition its id hashes to: its order
 * and limits hold as on one Redis, and the queue grows with clients and nodes (one client is bounded by one
 * partition). Workers claim from every partition, starting at the next one on each call, so none starves.
 * A receipt carries its partition.
 */
public final class PartitionedRedisQueue implements MessageQueue {

    private final List<RedisMessageQueue> partitions;
    private final AtomicInteger nextStart = new AtomicInteger();

    public PartitionedRedisQueue(RedisClusterCommands<String, String> redis, String keyPrefix, int count, Clock clock) {
        this(redis, keyPrefix, count, clock, Replication.none());
    }

    PartitionedRedisQueue(RedisClusterCommands<String, String> redis, String keyPrefix, int count, Clock clock,
            Replication replication) {
        this.partitions = Arrays.stream(prefixes(keyPrefix, count))
                .map(prefix -> new RedisMessageQueue(redis, prefix, clock, replication)).toList();
    }

    /** {@code {broker}:} becomes {@code {broker-0}:} …; a prefix without a hash tag gets the number appended. */
    static String[] prefixes(String keyPrefix, int count) {
        String[] prefixes = new String[count];
        boolean tagged = keyPrefix.startsWith("{") && keyPrefix.contains("}");
        for (int i = 0; i < count; i++) {
            prefixes[i] = tagged ? keyPrefix.replaceFirst("}", "-" + i + "}") : keyPrefix + i + ":";
        }
        return prefixes;
    }

    int partitionOf(String clientId) {
        return Math.floorMod(clientId.hashCode(), partitions.size());
    }

    @Override
    public List<Enqueued> enqueueAll(List<Enqueueing> batch) {
        Map<Integer, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            positions.computeIfAbsent(partitionOf(batch.get(i).message().clientId()), p -> new ArrayList<>()).add(i);
        }
        Enqueued[] results = new Enqueued[batch.size()];
        positions.forEach((partition, indexes) -> {
            List<Enqueued> answered = partitions.get(partition).enqueueAll(indexes.stream().map(batch::get).toList());
            for (int i = 0; i < indexes.size(); i++) {
                results[indexes.get(i)] = answered.get(i);
            }
        });
        return List.of(results);
    }

    @Override
    public Optional<QueuedStatus> find(String messageId) {
        for (RedisMessageQueue partition : partitions) {
            Optional<QueuedStatus> found = partition.find(messageId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<ClaimedMessage> claim(String consumer, int max, Duration lease) {
        int start = Math.floorMod(nextStart.getAndIncrement(), partitions.size());
        List<ClaimedMessage> claimed = new ArrayList<>(max);
        for (int i = 0; i < partitions.size() && claimed.size() < max; i++) {
            int partition = (start + i) % partitions.size();
            for (ClaimedMessage message : partitions.get(partition).claim(consumer, max - claimed.size(), lease)) {
                claimed.add(new ClaimedMessage(partition + "#" + message.receipt(), message.message(), message.attempts()));
            }
        }
        return claimed;
    }

    @Override
    public int releaseClaims(String consumer) {
        return partitions.stream().mapToInt(partition -> partition.releaseClaims(consumer)).sum();
    }

    @Override
    public void acknowledge(Collection<ClaimedMessage> messages) {
        byPartition(messages, ClaimedMessage::receipt, PartitionedRedisQueue::inner, RedisMessageQueue::acknowledge);
    }

    @Override
    public void retryLater(ClaimedMessage message, Instant dueAt, String reason) {
        partitions.get(partition(message.receipt())).retryLater(inner(message), dueAt, reason);
    }

    @Override
    public void deadLetter(ClaimedMessage message, String reason) {
        partitions.get(partition(message.receipt())).deadLetter(inner(message), reason);
    }

    @Override
    public long depth() {
        return partitions.stream().mapToLong(RedisMessageQueue::depth).sum();
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        return partitions.stream().map(RedisMessageQueue::oldestQueuedAt).flatMap(Optional::stream)
                .min(Instant::compareTo);
    }

    @Override
    public List<DeadLetter> deadLetters(int max) {
        List<DeadLetter> all = new ArrayList<>();
        for (int p = 0; p < partitions.size() && all.size() < max; p++) {
            for (DeadLetter dead : partitions.get(p).deadLetters(max - all.size())) {
                all.add(new DeadLetter(p + "#" + dead.receipt(), dead.message(), dead.attempts(), dead.reason(),
                        dead.deadAt()));
            }
        }
        return all;
    }

    @Override
    public void forgetDeadLetters(Collection<DeadLetter> recorded) {
        byPartition(recorded, DeadLetter::receipt, dead -> new DeadLetter(unprefixed(dead.receipt()), dead.message(),
                dead.attempts(), dead.reason(), dead.deadAt()), RedisMessageQueue::forgetDeadLetters);
    }

    private <T> void byPartition(Collection<T> items, Function<T, String> receipt, Function<T, T> inner,
            BiConsumer<RedisMessageQueue, List<T>> action) {
        Map<Integer, List<T>> grouped = new LinkedHashMap<>();
        items.forEach(item -> grouped.computeIfAbsent(partition(receipt.apply(item)), p -> new ArrayList<>())
                .add(inner.apply(item)));
        grouped.forEach((partition, list) -> action.accept(partitions.get(partition), list));
    }

    private static int partition(String receipt) {
        return Integer.parseInt(receipt.substring(0, receipt.indexOf('#')));
    }

    private static String unprefixed(String receipt) {
        return receipt.substring(receipt.indexOf('#') + 1);
    }

    private static ClaimedMessage inner(ClaimedMessage message) {
        return new ClaimedMessage(unprefixed(message.receipt()), message.message(), message.attempts());
    }
}
