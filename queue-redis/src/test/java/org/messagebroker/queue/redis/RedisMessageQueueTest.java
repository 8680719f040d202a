package org.messagebroker.queue.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.MessageQueueContract;
import org.messagebroker.core.testing.MutableClock;

/** The queue contract on the Redis on loopback (override with {@code TEST_REDIS_URL}). */
class RedisMessageQueueTest implements MessageQueueContract {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private String prefix;
    private MessageQueue queue;

    @BeforeAll
    static void connect() {
        String url = System.getenv().getOrDefault("TEST_REDIS_URL", "redis://127.0.0.1:6379/0");
        client = RedisClient.create(url);
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @BeforeEach
    void freshQueue() {
        prefix = "{test-" + UUID.randomUUID() + "}:";
        queue = new RedisMessageQueue(connection.sync(), prefix, clock);
    }

    @AfterEach
    void removeKeys() {
        RedisCommands<String, String> redis = connection.sync();
        redis.keys(prefix.replace("{", "\\{").replace("}", "\\}") + "*").forEach(redis::del);
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
