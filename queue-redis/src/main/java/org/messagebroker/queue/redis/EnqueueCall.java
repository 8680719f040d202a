package org.messagebroker.queue.redis;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.core.queue.Enqueued;
import org.messagebroker.core.queue.Enqueueing;
import org.messagebroker.core.queue.IdempotencyKey;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.queue.RateDecision;
import tools.jackson.databind.json.JsonMapper;

/** One call of {@code enqueue.lua} for a whole batch: its keys and arguments, and the results it answers. */
final class EnqueueCall {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LuaScript ENQUEUE = LuaScript.load("enqueue.lua");

    private EnqueueCall() {
    }

    static List<Enqueued> run(RedisClusterCommands<String, String> redis, RedisKeys keys, List<Enqueueing> batch, long now) {
        List<String> keyNames = new ArrayList<>(List.of(keys.stream(), keys.index(), keys.ages(), keys.retries()));
        Map<String, Integer> bucketPositions = new HashMap<>();
        List<String> args = new ArrayList<>(2 + batch.size() * 9);
        args.add(Integer.toString(batch.size()));
        args.add(Long.toString(now));
        for (Enqueueing item : batch) {
            QueuedMessage message = item.message();
            IdempotencyKey key = item.key();
            if (key != null) {
                keyNames.add(keys.idempotency(key.clientId(), key.key()));
            }
            String keyPosition = key == null ? "0" : Integer.toString(keyNames.size());
            int bucketPosition = !item.limited() ? 0 : bucketPositions.computeIfAbsent(message.clientId(), client -> {
                keyNames.add(keys.rate(client));
                return keyNames.size();
            });
            args.addAll(List.of(keyPosition, JSON.writeValueAsString(EntryPayload.fresh(message)), message.messageId(),
                    RedisMessageQueue.indexValue(message, 0), Long.toString(message.queuedAt().toEpochMilli()),
                    key == null ? "" : JSON.writeValueAsString(new IdempotencyRecord(message.messageId(),
                            message.queuedAt(), key.requestHash())),
                    key == null ? "0" : Long.toString(key.ttl().toMillis()),
                    Integer.toString(bucketPosition), Integer.toString(item.ratePerMinute())));
        }
        List<String> results = ENQUEUE.run(redis, ScriptOutputType.MULTI, keyNames.toArray(String[]::new),
                args.toArray(String[]::new));
        long depth = Long.parseLong(results.getLast());
        List<Enqueued> enqueued = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            enqueued.add(outcome(batch.get(i), results.get(i), depth, now));
        }
        return enqueued;
    }

    private static Enqueued outcome(Enqueueing item, String result, long depth, long now) {
        if (result.startsWith("+") || result.startsWith("-")) {
            RateDecision rate = result.length() == 1 ? null
                    : RateDecision.of(item.ratePerMinute(), Double.parseDouble(result.substring(1)),
                            result.startsWith("+"), now);
            if (result.startsWith("-")) {
                return Enqueued.refused(rate);
            }
            QueuedMessage message = item.message();
            return new Enqueued(message.messageId(), message.queuedAt(), depth, false,
                    item.key() == null ? null : item.key().requestHash(), rate);
        }
        IdempotencyRecord first = JSON.readValue(result, IdempotencyRecord.class);
        return new Enqueued(first.messageId(), first.queuedAt(), depth, true, first.requestHash());
    }

    /** What an idempotency key's Redis key holds: the first request's message. */
    private record IdempotencyRecord(@JsonProperty("message_id") String messageId,
            @JsonProperty("queued_at") Instant queuedAt, @JsonProperty("request_hash") String requestHash) {
    }
}
