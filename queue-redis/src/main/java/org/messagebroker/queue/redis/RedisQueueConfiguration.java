package org.messagebroker.queue.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.messagebroker.core.queue.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Redis queue when {@code broker.queue.type=redis}, with bounded timeouts. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "broker.queue.type", havingValue = "redis")
public class RedisQueueConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisQueueConfiguration.class);

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(@Value("${broker.queue.redis.host}") String host,
            @Value("${broker.queue.redis.port}") int port,
            @Value("${broker.queue.redis.password:}") String password,
            @Value("${broker.queue.redis.database:0}") int database,
            @Value("${broker.queue.redis.tls:false}") boolean tls,
            @Value("${broker.queue.redis.tls-ca-certificate:}") String tlsCaCertificate,
            @Value("${broker.queue.redis.timeout:2s}") Duration timeout) {
        RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port).withDatabase(database)
                .withSsl(tls).withTimeout(timeout);
        if (!password.isEmpty()) {
            uri.withPassword(password.toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        if (tls && !tlsCaCertificate.isEmpty()) {
            // A Redis whose certificate comes from a private CA (for example this installation's own);
            // without one, the JDK's trusted authorities decide.
            client.setOptions(ClientOptions.builder()
                    .sslOptions(SslOptions.builder().trustManager(new File(tlsCaCertificate)).build()).build());
        }
        return client;
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> redisConnection(RedisClient client,
            @Value("${broker.queue.redis.require-durable:false}") boolean requireDurable,
            @Value("${broker.queue.redis.accept-weaker-durability:false}") boolean acceptWeaker) {
        StatefulRedisConnection<String, String> connection = client.connect();
        if (requireDurable) {
            Map<String, String> config;
            try {
                config = connection.sync().configGet("appendonly", "appendfsync");
            } catch (RuntimeException disabled) {
                config = Map.of();
            }
            RedisDurability.require(config, acceptWeaker);
            String problem = RedisDurability.problem(config);
            if (problem != null) {
                log.warn("Accepting messages although {}: a crash of Redis can lose messages that got a 202", problem);
            }
        }
        return connection;
    }

    @Bean
    MessageQueue redisMessageQueue(StatefulRedisConnection<String, String> redisConnection,
            @Value("${broker.queue.redis.key-prefix}") String keyPrefix, Clock clock) {
        return new RedisMessageQueue(redisConnection.sync(), keyPrefix, clock);
    }
}
