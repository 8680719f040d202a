package org.messagebroker.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.MessageQueueContract;
import org.messagebroker.core.queue.QueueUnavailableException;
import org.messagebroker.core.testing.MutableClock;

/**
 * The partitioned queue on a real Redis Cluster (three primaries, a replica each, started for this class):
 * the queue contract through Lettuce's cluster client, and what a 202 survives when a primary is lost, with
 * and without waiting for its replica.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterQueueTest implements MessageQueueContract {

    private static LocalRedisCluster cluster;
    private static RedisQueueConnection connection;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private MessageQueue queue;

    @BeforeAll
    static void startCluster() {
        cluster = new LocalRedisCluster();
        connection = RedisQueueConnection.open(settings(cluster.nodes()));
    }

    @AfterAll
    static void stopCluster() {
        connection.close();
        cluster.close();
    }

    static RedisQueueSettings settings(String nodes) {
        return new RedisQueueSettings("", 0, "", 0, false, "", Duration.ofSeconds(2), "{test}:", false, false, nodes,
                6, 0, Duration.ofSeconds(1));
    }

    @BeforeEach
    void freshQueue() {
        queue = new PartitionedRedisQueue(connection.commands(), "{t-" + UUID.randomUUID() + "}:", 6, clock);
    }

    @Override
    public MessageQueue queue() {
        return queue;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Test
    void theCommandsReachEveryPrimary() {
        String prefix = "{spread-" + UUID.randomUUID() + "}:";
        List<String> primaries = Arrays.stream(PartitionedRedisQueue.prefixes(prefix, 6))
                .map(p -> connection.primaryFor(p + "messages").clusterMyId()).distinct().toList();
        assertThat(primaries).as("six partitions over three primaries").hasSizeGreaterThan(1);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it leaves the cluster with a primary fewer
    void aReplicated202SurvivesTheLossOfItsPrimaryAndAnUnreplicatedOneMayNot() throws Exception {
        String prefix = "{failover-" + UUID.randomUUID() + "}:";
        MessageQueue waiting = new RedisMessageQueue(connection.commands(), prefix, clock,
                new Replication(1, Duration.ofMillis(500), connection::primaryFor));
        MessageQueue notWaiting = new RedisMessageQueue(connection.commands(), prefix, clock);
        String kept = waiting.enqueue(messageOf("client-a")).messageId();

        int slot = SlotHash.getSlot(prefix + "messages");
        int[] nodes = primaryAndReplica(slot);
        int primary = nodes[0];
        int replica = nodes[1];
        Process replicaProcess = cluster.node(replica);
        // The replica falls behind: stopped, then cut off by the primary, so it cannot connect again (a stopped
        // replica alone would still receive the stream into its socket).
        signal(replicaProcess, "STOP");
        RedisClient primaryClient = RedisClient.create(RedisURI.create("127.0.0.1", primary));
        try (StatefulRedisConnection<String, String> node = primaryClient.connect()) {
            node.sync().clientKill(KillArgs.Builder.typeSlave());
        } finally {
            primaryClient.shutdown();
        }
        try {
            assertThatThrownBy(() -> waiting.enqueue(messageOf("client-a")))
                    .as("no 202 while the replica does not confirm").isInstanceOf(QueueUnavailableException.class)
                    .hasMessageContaining("reached 0 of the 1 replicas");
            String unconfirmed = notWaiting.enqueue(messageOf("client-a")).messageId();

            cluster.node(primary).destroyForcibly().waitFor(); // kill -9 of the primary
            signal(replicaProcess, "CONT");
            takeOver(replica);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> notWaiting.find(kept).isPresent());
            assertThat(waiting.find(kept)).as("the 202 that waited for its replica").isPresent();
            assertThat(notWaiting.find(unconfirmed)).as("accepted while the replica lagged: lost with the primary")
                    .isEmpty();
        } finally {
            signal(replicaProcess, "CONT");
        }
    }

    /** The ports of the primary serving {@code slot} and of its replica, from CLUSTER NODES. */
    private static int[] primaryAndReplica(int slot) {
        int anyNode = cluster.ports().getFirst();
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", anyNode));
        String nodes;
        try (StatefulRedisConnection<String, String> node = client.connect()) {
            nodes = node.sync().clusterNodes();
        } finally {
            client.shutdown();
        }
        String primary = nodes.lines().filter(line -> line.contains("master") && servesSlot(line, slot)).findFirst()
                .orElseThrow();
        String primaryId = primary.split(" ")[0];
        String replica = nodes.lines().filter(line -> line.split(" ")[3].equals(primaryId)).findFirst().orElseThrow();
        return new int[] {port(primary), port(replica)};
    }

    private static int port(String nodesLine) {
        String address = nodesLine.split(" ")[1];
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1, address.indexOf('@')));
    }

    private static boolean servesSlot(String nodesLine, int slot) {
        String[] fields = nodesLine.split(" ");
        for (int i = 8; i < fields.length; i++) {
            String[] range = fields[i].split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    private static void takeOver(int replicaPort) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", replicaPort));
        try (StatefulRedisConnection<String, String> node = client.connect()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> "OK".equals(node.sync().clusterFailover(false, true)));
        } finally {
            client.shutdown();
        }
    }

    private static void signal(Process process, String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }
}
