package org.messagebroker.queue.redis;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.messagebroker.core.queue.Enqueued;
import org.messagebroker.core.queue.Enqueueing;
import org.messagebroker.core.queue.IdempotencyKey;
import org.messagebroker.core.queue.QueuedMessage;
import tools.jackson.databind.json.JsonMapper;

/** One call of {@code enqueue.lua} for a whole batch: its keys and arguments, and the results it answers. */
final class EnqueueCall {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LuaScript ENQUEUE = LuaScript.load("enqueue.lua");

    private EnqueueCall() {
    }

    static List<Enqueued> run(RedisCommands<String, String> redis, RedisKeys keys, List<Enqueueing> batch) {
        List<String> keyNames = new ArrayList<>(List.of(keys.stream(), keys.index(), keys.ages(), keys.retries()));
        List<String> args = new ArrayList<>(1 + batch.size() * 7);
        args.add(Integer.toString(batch.size()));
        for (Enqueueing item : batch) {
            QueuedMessage message = item.message();
            IdempotencyKey key = item.key();
            if (key != null) {
                keyNames.add(keys.idempotency(key.clientId(), key.key()));
            }
            args.addAll(List.of(key == null ? "0" : Integer.toString(keyNames.size()),
                    JSON.writeValueAsString(EntryPayload.fresh(message)), message.messageId(),
                    RedisMessageQueue.indexValue(message, 0), Long.toString(message.queuedAt().toEpochMilli()),
                    key == null ? "" : JSON.writeValueAsString(new IdempotencyRecord(message.messageId(),
                            message.queuedAt(), key.requestHash())),
                    key == null ? "0" : Long.toString(key.ttl().toMillis())));
        }
        List<String> results = ENQUEUE.run(redis, ScriptOutputType.MULTI, keyNames.toArray(String[]::new),
                args.toArray(String[]::new));
        long depth = Long.parseLong(results.getLast());
        List<Enqueued> enqueued = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Enqueueing item = batch.get(i);
            if (results.get(i).isEmpty()) {
                enqueued.add(new Enqueued(item.message().messageId(), item.message().queuedAt(), depth, false,
                        item.key() == null ? null : item.key().requestHash()));
            } else {
                IdempotencyRecord first = JSON.readValue(results.get(i), IdempotencyRecord.class);
                enqueued.add(new Enqueued(first.messageId(), first.queuedAt(), depth, true, first.requestHash()));
            }
        }
        return enqueued;
    }

    /** What an idempotency key's Redis key holds: the first request's message. */
    private record IdempotencyRecord(@JsonProperty("message_id") String messageId,
            @JsonProperty("queued_at") Instant queuedAt, @JsonProperty("request_hash") String requestHash) {
    }
}
