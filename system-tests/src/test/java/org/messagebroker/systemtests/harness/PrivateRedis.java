package org.messagebroker.systemtests.harness;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/** A redis-server of a test's own, in its own directory, answering PING before it is handed out. */
public final class PrivateRedis {

    private PrivateRedis() {
    }

    /**
     * Starts {@code redis-server} with {@code arguments} (its port among them), logging to DIR/redis.log,
     * and waits until {@code client} (configured to reach it) gets an answer.
     */
    public static Process start(Path dataDir, List<String> arguments, RedisClient client) throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--dir", dataDir.toString(), "--save", ""));
        command.addAll(arguments);
        Process redis = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("redis.log").toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                try (var connection = client.connect()) {
                    return "PONG".equals(connection.sync().ping());
                }
            });
        } finally {
            client.shutdown();
        }
        return redis;
    }

    public static Process start(Path dataDir, List<String> arguments, int port) throws IOException {
        return start(dataDir, arguments, RedisClient.create(RedisURI.create("127.0.0.1", port)));
    }
}
