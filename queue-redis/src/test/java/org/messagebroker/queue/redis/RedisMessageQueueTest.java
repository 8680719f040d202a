package org.messagebroker.queue.redis;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.MessageQueueContract;
import org.messagebroker.core.testing.MutableClock;

/** The queue contract on the Redis on loopback (override with {@code TEST_REDIS_URL}). */
class RedisMessageQueueTest implements MessageQueueContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private String tag;
    private MessageQueue queue;

    @BeforeEach
    void freshQueue() {
        tag = "test-" + UUID.randomUUID();
        queue = new RedisMessageQueue(LoopbackRedis.commands(), "{" + tag + "}:", clock);
    }

    @AfterEach
    void removeKeys() {
        LoopbackRedis.deleteKeys(tag);
    }

    @Override
    public MessageQueue queue() {
        return queue;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }
}
