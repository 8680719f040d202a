package org.messagebroker.queue.redis;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * The number of partitions a queue's messages were written in, kept beside them ({@code <prefix>partitions}),
 * so that a changed REDIS_PARTITIONS cannot strand messages in partitions no one reads, nor move a client
 * to another partition while its earlier messages and idempotency keys wait in the old one. A change is
 * taken only while the old layout is empty; otherwise the role refuses to start and says what to do.
 */
final class PartitionLayout {

    private PartitionLayout() {
    }

    static void check(RedisClusterCommands<String, String> redis, String keyPrefix, int partitions) {
        String key = keyPrefix + "partitions";
        // A queue from before this key existed was written in one partition, under the plain prefix.
        String recorded = redis.get(key);
        int before = recorded == null ? 1 : Integer.parseInt(recorded);
        if (before != partitions) {
            long waiting = waiting(redis, before == 1 ? new String[] {keyPrefix}
                    : PartitionedRedisQueue.prefixes(keyPrefix, before));
            if (waiting > 0) {
                throw new IllegalStateException("REDIS_PARTITIONS is " + partitions + ", but the queue holds " + waiting
                        + " messages or dead letters written with " + before + ". Start every role with REDIS_PARTITIONS="
                        + before + ", stop the proxies, let the workers empty the queue and the server take the dead"
                        + " letters, then restart everything with the new value (README, \"Redis queue\").");
            }
        }
        String value = Integer.toString(partitions);
        if (!value.equals(recorded)) {
            redis.set(key, value);
        }
    }

    private static long waiting(RedisClusterCommands<String, String> redis, String[] prefixes) {
        long waiting = 0;
        for (String prefix : prefixes) {
            RedisKeys keys = new RedisKeys(prefix);
            waiting += redis.xlen(keys.stream()) + redis.zcard(keys.retries()) + redis.xlen(keys.deadLetters());
        }
        return waiting;
    }
}
