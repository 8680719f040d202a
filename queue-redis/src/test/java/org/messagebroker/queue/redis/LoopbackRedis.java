package org.messagebroker.queue.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The Redis on loopback the queue tests share (override with {@code TEST_REDIS_URL}): one connection for
 * the test JVM, and the removal of a test's keys by their hash tag's start.
 */
final class LoopbackRedis {

    private static StatefulRedisConnection<String, String> connection;

    private LoopbackRedis() {
    }

    static synchronized RedisCommands<String, String> commands() {
        if (connection == null) {
            RedisClient client = RedisClient.create(System.getenv().getOrDefault("TEST_REDIS_URL",
                    "redis://127.0.0.1:6379/0"));
            connection = client.connect();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                connection.close();
                client.shutdown();
            }));
        }
        return connection.sync();
    }

    /** Deletes every key whose name starts with {@code {tagStart}. */
    static void deleteKeys(String tagStart) {
        RedisCommands<String, String> redis = commands();
        redis.keys("\\{" + tagStart + "*").forEach(redis::del);
    }
}
