package org.messagebroker.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.queue.QueuedMessage;

/** A changed REDIS_PARTITIONS is taken only while the old layout is empty. */
class PartitionLayoutTest {

    final String tag = "layout-" + UUID.randomUUID();
    final String prefix = "{" + tag + "}:";

    @AfterEach
    void removeKeys() {
        LoopbackRedis.deleteKeys(tag);
    }

    private static QueuedMessage message(String clientId) {
        String id = UUID.randomUUID().toString();
        return new QueuedMessage(id, clientId, "default", Instant.now(), "v1.sealed." + id);
    }

    @Test
    void aQueueWrittenInOneLayoutKeepsItUntilItIsEmpty() {
        PartitionLayout.check(LoopbackRedis.commands(), prefix, 4);
        assertThat(LoopbackRedis.commands().get(prefix + "partitions")).isEqualTo("4");
        PartitionedRedisQueue queue = new PartitionedRedisQueue(LoopbackRedis.commands(), prefix, 4, Clock.systemUTC());
        queue.enqueue(message("client-a"));

        PartitionLayout.check(LoopbackRedis.commands(), prefix, 4);
        assertThatThrownBy(() -> PartitionLayout.check(LoopbackRedis.commands(), prefix, 8))
                .hasMessageContaining("REDIS_PARTITIONS is 8, but the queue holds 1 messages or dead letters written with 4");

        queue.acknowledge(queue.claim("w", 10, Duration.ofMinutes(1)));
        PartitionLayout.check(LoopbackRedis.commands(), prefix, 8);
        assertThat(LoopbackRedis.commands().get(prefix + "partitions")).isEqualTo("8");
    }

    @Test
    void aQueueFromBeforePartitionsIsOneLayoutUnderThePlainPrefix() {
        new RedisMessageQueue(LoopbackRedis.commands(), prefix, Clock.systemUTC()).enqueue(message("client-a"));
        assertThatThrownBy(() -> PartitionLayout.check(LoopbackRedis.commands(), prefix, 6))
                .hasMessageContaining("written with 1");
        PartitionLayout.check(LoopbackRedis.commands(), prefix, 1);
    }
}
