package org.messagebroker.queue.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The queue's connection: to one Redis, or to a Redis Cluster (the slots' owners followed as they move,
 * refreshed on redirects and every 30 seconds). Also answers how many replicas have a key's latest writes.
 */
public final class RedisQueueConnection implements AutoCloseable {

    private final RedisClusterCommands<String, String> commands;
    private final StatefulRedisClusterConnection<String, String> cluster;
    private final Runnable close;

    private RedisQueueConnection(RedisClusterCommands<String, String> commands,
            StatefulRedisClusterConnection<String, String> cluster, Runnable close) {
        this.commands = commands;
        this.cluster = cluster;
        this.close = close;
    }

    public static RedisQueueConnection open(RedisQueueSettings settings) {
        return settings.clusterNodes().isBlank() ? standalone(settings) : cluster(settings);
    }

    private static RedisQueueConnection standalone(RedisQueueSettings settings) {
        RedisClient client = RedisClient.create(uri(settings, settings.host(), settings.port()).withDatabase(
                settings.database()).build());
        client.setOptions(ClientOptions.builder().sslOptions(ssl(settings)).build());
        StatefulRedisConnection<String, String> connection = client.connect();
        return new RedisQueueConnection(connection.sync(), null, () -> {
            connection.close();
            client.shutdown();
        });
    }

    private static RedisQueueConnection cluster(RedisQueueSettings settings) {
        List<RedisURI> seeds = Arrays.stream(settings.clusterNodes().split(",")).map(String::trim)
                .map(node -> uri(settings, node.substring(0, node.lastIndexOf(':')),
                        Integer.parseInt(node.substring(node.lastIndexOf(':') + 1))).build()).toList();
        RedisClusterClient client = RedisClusterClient.create(seeds);
        client.setOptions(ClusterClientOptions.builder().sslOptions(ssl(settings))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enablePeriodicRefresh(Duration.ofSeconds(30))
                        .enableAllAdaptiveRefreshTriggers().build()).build());
        StatefulRedisClusterConnection<String, String> connection = client.connect();
        return new RedisQueueConnection(connection.sync(), connection, () -> {
            connection.close();
            client.shutdown();
        });
    }

    private static RedisURI.Builder uri(RedisQueueSettings settings, String host, int port) {
        RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port).withSsl(settings.tls())
                .withTimeout(settings.timeout());
        if (!settings.password().isEmpty()) {
            uri.withPassword(settings.password().toCharArray());
        }
        return uri;
    }

    /** A Redis whose certificate comes from a private CA; without one, the JDK's trusted authorities decide. */
    private static SslOptions ssl(RedisQueueSettings settings) {
        return settings.tls() && !settings.tlsCaCertificate().isEmpty()
                ? SslOptions.builder().trustManager(new File(settings.tlsCaCertificate())).build()
                : SslOptions.create();
    }

    public RedisClusterCommands<String, String> commands() {
        return commands;
    }

    /**
     * The commands that reach the primary holding {@code key} on one connection, for writes that are then
     * confirmed with {@code WAIT} (which counts only the writes of the connection it is sent on): on one
     * Redis the queue's own; on a cluster the connection to the slot's current primary.
     */
    RedisClusterCommands<String, String> primaryFor(String key) {
        if (cluster == null) {
            return commands;
        }
        RedisClusterNode primary = cluster.getPartitions().getPartitionBySlot(SlotHash.getSlot(key));
        return cluster.getConnection(primary.getNodeId()).sync();
    }

    @Override
    public void close() {
        close.run();
    }
}
