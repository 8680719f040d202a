package org.messagebroker.queue.redis;

import java.time.Clock;
import java.util.Map;
import org.messagebroker.core.queue.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Redis queue when {@code broker.queue.type=redis}, with bounded timeouts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisQueueSettings.class)
@ConditionalOnProperty(name = "broker.queue.type", havingValue = "redis")
public class RedisQueueConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisQueueConfiguration.class);

    @Bean(destroyMethod = "close")
    RedisQueueConnection redisQueueConnection(RedisQueueSettings settings) {
        RedisQueueConnection connection = RedisQueueConnection.open(settings);
        if (settings.requireDurable()) {
            Map<String, String> config;
            try {
                config = connection.commands().configGet("appendonly", "appendfsync");
            } catch (RuntimeException disabled) {
                config = Map.of();
            }
            RedisDurability.require(config, settings.acceptWeakerDurability());
            String problem = RedisDurability.problem(config);
            if (problem != null) {
                log.warn("Accepting messages although {}: a crash of Redis can lose messages that got a 202", problem);
            }
        }
        return connection;
    }

    @Bean
    MessageQueue redisMessageQueue(RedisQueueConnection connection, RedisQueueSettings settings, Clock clock) {
        Replication replication = settings.minReplicas() == 0 ? Replication.none()
                : new Replication(settings.minReplicas(), settings.replicaTimeout(), connection::primaryFor);
        if (settings.partitions() < 1) {
            throw new IllegalStateException("REDIS_PARTITIONS must be 1 or more, not " + settings.partitions());
        }
        PartitionLayout.check(connection.commands(), settings.keyPrefix(), settings.partitions());
        return settings.partitions() == 1
                ? new RedisMessageQueue(connection.commands(), settings.keyPrefix(), clock, replication)
                : new PartitionedRedisQueue(connection.commands(), settings.keyPrefix(), settings.partitions(), clock,
                        replication);
    }
}
