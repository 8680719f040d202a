package org.messagebroker.queue.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.messagebroker.core.queue.ClaimedMessage;
import org.messagebroker.core.queue.DeadLetter;
import org.messagebroker.core.queue.Enqueued;
import org.messagebroker.core.queue.Enqueueing;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.QueueUnavailableException;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.queue.QueuedStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue on Redis Streams with a consumer group. Like the JDBC queue, every claim records a lease
 * end (a sorted set scored by this process's clock) and a claim token; Lua scripts claim and settle
 * atomically, so an expired claim is taken over exactly once and a stale worker settles nothing.
 * Retries wait in a sorted set by due time; dead letters go to a stream of their own.
 */
public class RedisMessageQueue implements MessageQueue {

    static final String GROUP = "workers";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LuaScript CLAIM = LuaScript.load("claim.lua");
    private static final LuaScript SETTLE = LuaScript.load("settle.lua");
    private static final LuaScript RELEASE = LuaScript.load("release.lua");

    private final RedisClusterCommands<String, String> redis;
    private final Clock clock;
    private final RedisKeys keys;
    private final Replication replication;

    public RedisMessageQueue(RedisClusterCommands<String, String> redis, String keyPrefix, Clock clock) {
        this(redis, keyPrefix, clock, Replication.none());
    }

    RedisMessageQueue(RedisClusterCommands<String, String> redis, String keyPrefix, Clock clock, Replication replication) {
        this.redis = redis;
        this.clock = clock;
        this.keys = new RedisKeys(keyPrefix);
        this.replication = replication;
        guarded("create the consumer group", () -> {
            try {
                return redis.xgroupCreate(StreamOffset.from(keys.stream(), "0-0"), GROUP, XGroupCreateArgs.Builder.mkstream());
            } catch (RedisBusyException groupExists) {
                return "OK";
            }
        });
    }

    @Override
    public List<Enqueued> enqueueAll(List<Enqueueing> batch) {
        if (!replication.required()) {
            return guarded("enqueue", () -> EnqueueCall.run(redis, keys, batch, clock.millis()));
        }
        RedisClusterCommands<String, String> primary = guarded("enqueue", () -> replication.primaryFor().apply(keys.stream()));
        List<Enqueued> enqueued = guarded("enqueue", () -> EnqueueCall.run(primary, keys, batch, clock.millis()));
        long acknowledged = guarded("replication wait", () -> primary.waitForReplication(replication.replicas(),
                replication.timeout().toMillis()));
        if (acknowledged < replication.replicas()) {
            // Not a 202: the client retries (with its idempotency key, the retry finds this enqueue).
            throw new QueueUnavailableException("the enqueue reached " + acknowledged + " of the "
                    + replication.replicas() + " replicas required within " + replication.timeout(), null);
        }
        return enqueued;
    }

    @Override
    public Optional<QueuedStatus> find(String messageId) {
        String value = guarded("find", () -> redis.hget(keys.index(), messageId));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\|", 3);
        return Optional.of(new QueuedStatus(messageId, parts[2], Instant.ofEpochMilli(Long.parseLong(parts[0])),
                Integer.parseInt(parts[1])));
    }

    /** {@code queued_at|attempts|client_id}: what {@link #find} answers without reading the stream. */
    static String indexValue(QueuedMessage message, int attempts) {
        return message.queuedAt().toEpochMilli() + "|" + attempts + "|" + message.clientId();
    }

    @Override
    public List<ClaimedMessage> claim(String consumer, int max, Duration lease) {
        String token = UUID.randomUUID().toString();
        long now = clock.millis();
        List<Object> entries = guarded("claim", () -> CLAIM.run(redis, ScriptOutputType.MULTI, keys.forClaim(), GROUP,
                consumer, Long.toString(now), Long.toString(now + lease.toMillis()), Integer.toString(max), token));
        List<ClaimedMessage> claimed = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            List<?> idAndPayload = (List<?>) entry;
            EntryPayload payload = JSON.readValue((String) idAndPayload.get(1), EntryPayload.class);
            claimed.add(new ClaimedMessage(idAndPayload.get(0) + "|" + token, payload.message(), payload.attempts()));
        }
        return claimed;
    }

    @Override
    public int releaseClaims(String consumer) {
        Long released = guarded("release", () -> RELEASE.run(redis, ScriptOutputType.INTEGER,
                keys.forRelease(), GROUP, consumer,
                Long.toString(clock.millis())));
        return released.intValue();
    }

    @Override
    public void acknowledge(Collection<ClaimedMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of(GROUP, "ack"));
        for (ClaimedMessage message : messages) {
            args.addAll(settleArgs(message, 0, "", ""));
        }
        settle(args);
    }

    @Override
    public void retryLater(ClaimedMessage message, Instant dueAt, String reason) {
        EntryPayload retry = new EntryPayload(message.message(), message.attempts() + 1, reason, null);
        List<String> args = new ArrayList<>(List.of(GROUP, "retry"));
        args.addAll(settleArgs(message, dueAt.toEpochMilli(), JSON.writeValueAsString(retry),
                indexValue(message.message(), retry.attempts())));
        settle(args);
    }

    @Override
    public void deadLetter(ClaimedMessage message, String reason) {
        EntryPayload dead = new EntryPayload(message.message(), message.attempts() + 1, reason, clock.instant());
        List<String> args = new ArrayList<>(List.of(GROUP, "dead"));
        args.addAll(settleArgs(message, 0, JSON.writeValueAsString(dead), indexValue(message.message(), dead.attempts())));
        settle(args);
    }

    @Override
    public long depth() {
        return guarded("depth", () -> redis.xlen(keys.stream()) + redis.zcard(keys.retries()));
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        List<ScoredValue<String>> oldest = guarded("oldest", () -> redis.zrangeWithScores(keys.ages(), 0, 0));
        return oldest.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli((long) oldest.getFirst().getScore()));
    }

    @Override
    public List<DeadLetter> deadLetters(int max) {
        List<StreamMessage<String, String>> entries = guarded("dead-letter read",
                () -> redis.xrange(keys.deadLetters(), Range.create("-", "+"), Limit.from(max)));
        return entries.stream().map(entry -> {
            EntryPayload payload = JSON.readValue(entry.getBody().get("p"), EntryPayload.class);
            return new DeadLetter(entry.getId(), payload.message(), payload.attempts(), payload.reason(),
                    payload.deadAt());
        }).toList();
    }

    @Override
    public void forgetDeadLetters(Collection<DeadLetter> recorded) {
        if (!recorded.isEmpty()) {
            guarded("dead-letter removal", () -> {
                String[] ids = recorded.stream().map(d -> d.message().messageId()).toArray(String[]::new);
                redis.hdel(keys.index(), ids);
                redis.zrem(keys.ages(), ids);
                return redis.xdel(keys.deadLetters(), recorded.stream().map(DeadLetter::receipt).toArray(String[]::new));
            });
        }
    }

    private static List<String> settleArgs(ClaimedMessage message, long due, String payload, String indexValue) {
        int bar = message.receipt().indexOf('|');
        return List.of(message.receipt().substring(0, bar), message.receipt().substring(bar + 1), Long.toString(due),
                payload, message.message().messageId(), indexValue);
    }

    private void settle(List<String> args) {
        guarded("settle", () -> SETTLE.run(redis, ScriptOutputType.INTEGER, keys.forSettle(), args.toArray(String[]::new)));
    }

    private static <T> T guarded(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (RedisException e) {
            throw new QueueUnavailableException("queue " + operation + " failed", e);
        }
    }
}
