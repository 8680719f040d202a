package org.messagebroker.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.queue.ClaimedMessage;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.MessageQueueContract;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.testing.MutableClock;

/** The queue contract on four partitions of the Redis on loopback, and what partitions add to it. */
class PartitionedRedisQueueTest implements MessageQueueContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private String base;
    private PartitionedRedisQueue queue;

    @BeforeEach
    void freshQueue() {
        base = "test-" + UUID.randomUUID();
        queue = new PartitionedRedisQueue(LoopbackRedis.commands(), "{" + base + "}:", 4, clock);
    }

    @AfterEach
    void removeKeys() {
        LoopbackRedis.deleteKeys(base + "-");
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
    void eachPartitionHasAHashTagOfItsOwn() {
        assertThat(PartitionedRedisQueue.prefixes("{broker}:", 3)).containsExactly("{broker-0}:", "{broker-1}:",
                "{broker-2}:");
        assertThat(PartitionedRedisQueue.prefixes("plain:", 2)).containsExactly("plain:0:", "plain:1:");
    }

    @Test
    void clientsSpreadOverThePartitionsAndWorkersDrainThemAllInEachClientsOrder() {
        List<String> clients = IntStream.range(0, 12).mapToObj(i -> "client-" + i).toList();
        assertThat(clients.stream().map(queue::partitionOf).distinct()).as("12 clients over 4 partitions").hasSize(4);
        for (int round = 0; round < 5; round++) {
            for (String clientId : clients) {
                queue.enqueue(messageOf(clientId));
                clock.advance(Duration.ofMillis(1));
            }
        }
        assertThat(queue.depth()).isEqualTo(60);
        assertThat(queue.find(queue.claim("peek", 1, Duration.ofSeconds(1)).getFirst().message().messageId()))
                .isPresent();
        queue.releaseClaims("peek");

        List<ClaimedMessage> first = queue.claim("w1", 8, Duration.ofMinutes(1));
        assertThat(first).hasSize(8);
        Set<Integer> partitionsSeen = new HashSet<>();
        List<ClaimedMessage> all = new ArrayList<>(first);
        for (int call = 0; call < 20 && all.size() < 60; call++) {
            List<ClaimedMessage> claimed = queue.claim("w1", 8, Duration.ofMinutes(1));
            claimed.forEach(m -> partitionsSeen.add(queue.partitionOf(m.message().clientId())));
            all.addAll(claimed);
        }
        assertThat(all).extracting(m -> m.message().messageId()).doesNotHaveDuplicates().hasSize(60);
        assertThat(partitionsSeen).hasSize(4);
        for (String clientId : clients) {
            List<Instant> order = all.stream().map(ClaimedMessage::message).filter(m -> m.clientId().equals(clientId))
                    .map(QueuedMessage::queuedAt).toList();
            assertThat(order).as(clientId + "'s order").isSorted().hasSize(5);
        }
        queue.acknowledge(all);
        assertThat(queue.depth()).isZero();
    }

    @Test
    void deadLettersOfAllPartitionsAreListedAndForgotten() {
        for (String clientId : List.of("client-0", "client-1", "client-2", "client-3")) {
            queue.enqueue(messageOf(clientId));
        }
        queue.claim("w1", 4, Duration.ofMinutes(1)).forEach(m -> queue.deadLetter(m, "rejected"));
        assertThat(queue.deadLetters(10)).hasSize(4);
        queue.forgetDeadLetters(queue.deadLetters(10));
        assertThat(queue.deadLetters(10)).isEmpty();
    }
}
