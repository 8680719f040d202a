package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.cli.run.RoleLauncher;
import org.messagebroker.queue.redis.LocalRedisCluster;
import org.messagebroker.systemtests.api.EndToEndTest;
import org.messagebroker.systemtests.harness.RunningBroker;

/**
 * The pipeline on the Redis queue. These tests set the local Redis's append-only settings for their
 * own run and put back what they found.
 */
class RedisPipelineTest {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static Map<String, String> original;
    private final String prefix = "{e2e-" + UUID.randomUUID() + "}:";

    @BeforeAll
    static void connect() {
        client = RedisClient.create("redis://127.0.0.1:6379/0");
        connection = client.connect();
        original = connection.sync().configGet("appendonly", "appendfsync");
    }

    @AfterAll
    static void restore() {
        RedisCommands<String, String> redis = connection.sync();
        redis.configSet(Map.of("appendfsync", original.get("appendfsync"), "appendonly", original.get("appendonly")));
        connection.close();
        client.shutdown();
    }

    @AfterEach
    void removeKeys() {
        RedisCommands<String, String> redis = connection.sync();
        redis.keys(prefix.replace("{", "\\{").replace("}", "\\}") + "*").forEach(redis::del);
    }

    private Map<String, Object> onRedis(Object... more) {
        Map<String, Object> settings = new HashMap<>(Map.of("QUEUE_TYPE", "redis", "REDIS_KEY_PREFIX", prefix));
        for (int i = 0; i < more.length; i += 2) {
            settings.put((String) more[i], more[i + 1]);
        }
        return settings;
    }

    @Test
    void messagesTravelThroughRedisStreamsWhenRedisSyncsEveryWrite(@TempDir Path dir) {
        connection.sync().configSet(Map.of("appendonly", "yes", "appendfsync", "always"));
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.values()), onRedis())) {
            String token = broker.adminToken();
            List<String> ids = List.of(broker.submit("one"), broker.submit("two"), broker.submit("three"));
            for (String id : ids) {
                broker.awaitDelivered(token, id);
            }
            assertThat(connection.sync().xlen(prefix + "messages")).as("acknowledged entries are removed").isZero();
            assertThat(EndToEndTest.filesContainingUnder(dir, "three")).isEmpty();
        }
    }

    @Test
    void theProxyRefusesARedisThatDoesNotSyncEveryWrite(@TempDir Path dir) {
        connection.sync().configSet(Map.of("appendfsync", "everysec"));
        try (RunningBroker server = new RunningBroker(dir, List.of(Role.SERVER))) {
            assertThatThrownBy(() -> server.start(Role.PROXY, onRedis()))
                    .isInstanceOf(RoleLauncher.LaunchException.class)
                    .hasMessageContaining("Refusing to accept messages")
                    .hasMessageContaining("appendfsync always");
        }
    }

    @Test
    void anOperatorCanAcceptTheWeakerPromiseExplicitly(@TempDir Path dir) {
        connection.sync().configSet(Map.of("appendfsync", "everysec"));
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.values()),
                onRedis("REDIS_ACCEPT_WEAKER_DURABILITY", "true"))) {
            String id = broker.submit("accepted with a weaker promise");
            assertThat(broker.awaitDelivered(broker.adminToken(), id).path("message_body").asString())
                    .isEqualTo("accepted with a weaker promise");
        }
    }

    @Test
    void messagesTravelThroughAPartitionedQueueOnARedisClusterAndEach202WaitedForAReplica(@TempDir Path dir) {
        try (LocalRedisCluster cluster = new LocalRedisCluster();
                RunningBroker broker = new RunningBroker(dir, List.of(Role.values()), onRedis("REDIS_CLUSTER_NODES",
                        cluster.nodes(), "REDIS_PARTITIONS", 6, "REDIS_MIN_REPLICAS", 1))) {
            String token = broker.adminToken();
            for (String client : List.of("acme", "globex", "initech")) {
                broker.registerClient(token, client);
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                for (String client : List.of("acme", "globex", "initech", "demo-client")) {
                    ids.add(broker.submit(client, client + " " + i));
                }
            }
            for (String id : ids) {
                broker.awaitDelivered(token, id);
            }
            RedisClusterClient clusterClient = RedisClusterClient.create(RedisURI.create("127.0.0.1",
                    cluster.ports().getFirst()));
            try (var clusterConnection = clusterClient.connect()) {
                long used = IntStream.range(0, 6)
                        .filter(p -> clusterConnection.sync().exists(prefix.replaceFirst("}", "-" + p + "}") + "messages") == 1)
                        .count();
                assertThat(used).as("the clients' messages went to more than one partition").isGreaterThan(1);
            } finally {
                clusterClient.shutdown();
            }
        }
    }
}
