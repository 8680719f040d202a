package org.messagebroker.queue.redis;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.function.Function;

/**
 * A 202 only once the enqueue reached {@code replicas} replicas of its primary ({@code WAIT}), so that a
 * failover to a replica keeps it. {@code primaryFor} answers the connection to send the enqueue and the
 * {@code WAIT} on together; none: the primary's own fsync is the whole promise.
 */
record Replication(int replicas, Duration timeout, Function<String, RedisClusterCommands<String, String>> primaryFor) {

    static Replication none() {
        return new Replication(0, Duration.ZERO, null);
    }

    boolean required() {
        return replicas > 0;
    }
}
