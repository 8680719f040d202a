package org.messagebroker.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aReplicated202SurvivesTheLossOfItsPrimaryAndAnUnreplicatedOneMayNot() {
        String prefix = "{failover-" + UUID.randomUUID() + "}:";
        MessageQueue waiting = new RedisMessageQueue(connection.commands(), prefix, clock,
                new Replication(1, Duration.ofMillis(500), connection::primaryFor));
        MessageQueue notWaiting = new RedisMessageQueue(connection.commands(), prefix, clock);
        String kept = waiting.enqueue(messageOf("client-a")).messageId();

        LocalRedisCluster.Primary primary = cluster.primaryOf(prefix + "messages");
        cluster.cutOffReplica(primary);
        assertThatThrownBy(() -> waiting.enqueue(messageOf("client-a")))
                .as("no 202 while the replica does not confirm").isInstanceOf(QueueUnavailableException.class)
                .hasMessageContaining("reached 0 of the 1 replicas");
        String unconfirmed = notWaiting.enqueue(messageOf("client-a")).messageId();

        cluster.failOver(primary);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> notWaiting.find(kept).isPresent());
        assertThat(waiting.find(kept)).as("the 202 that waited for its replica").isPresent();
        assertThat(notWaiting.find(unconfirmed)).as("accepted while the replica lagged: lost with the primary")
                .isEmpty();
    }
}
