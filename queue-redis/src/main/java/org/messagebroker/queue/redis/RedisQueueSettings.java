package org.messagebroker.queue.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Redis queue's settings ({@code broker.queue.redis.*}, from {@code REDIS_*} in each role's properties).
 *
 * @param keyPrefix              every key's prefix; its hash tag keeps the queue's keys on one cluster slot
 * @param tlsCaCertificate       the file of the CA that signed Redis's certificate; empty: the JDK's CAs
 * @param requireDurable         refuse to start unless Redis fsyncs every write ({@code appendfsync always})
 * @param acceptWeakerDurability start anyway, with a warning, when Redis is set to fsync less often
 * @param clusterNodes           {@code host:port,…} of Redis Cluster nodes to start from; empty: one Redis
 * @param partitions             the queue's partitions, each under a hash tag of its own (set once, see docs)
 * @param minReplicas            a 202 only after the enqueue reached this many replicas ({@code WAIT})
 * @param replicaTimeout         how long an enqueue waits for them before the proxy answers 503
 */
@ConfigurationProperties("broker.queue.redis")
public record RedisQueueSettings(String host, int port, @DefaultValue("") String password,
        @DefaultValue("0") int database, @DefaultValue("false") boolean tls, @DefaultValue("") String tlsCaCertificate,
        @DefaultValue("2s") Duration timeout, String keyPrefix, @DefaultValue("false") boolean requireDurable,
        @DefaultValue("false") boolean acceptWeakerDurability, @DefaultValue("") String clusterNodes,
        @DefaultValue("1") int partitions, @DefaultValue("0") int minReplicas,
        @DefaultValue("1s") Duration replicaTimeout) {
}
