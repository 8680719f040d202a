package org.messagebroker.queue.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
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

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(RedisQueueSettings settings) {
        RedisURI.Builder uri = RedisURI.builder().withHost(settings.host()).withPort(settings.port())
                .withDatabase(settings.database()).withSsl(settings.tls()).withTimeout(settings.timeout());
        if (!settings.password().isEmpty()) {
            uri.withPassword(settings.password().toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        if (settings.tls() && !settings.tlsCaCertificate().isEmpty()) {
            // A Redis whose certificate comes from a private CA (for example this installation's own);
            // without one, the JDK's trusted authorities decide.
            client.setOptions(ClientOptions.builder()
                    .sslOptions(SslOptions.builder().trustManager(new File(settings.tlsCaCertificate())).build()).build());
        }
        return client;
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> redisConnection(RedisClient client, RedisQueueSettings settings) {
        StatefulRedisConnection<String, String> connection = client.connect();
        if (settings.requireDurable()) {
            Map<String, String> config;
            try {
                config = connection.sync().configGet("appendonly", "appendfsync");
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
    MessageQueue redisMessageQueue(StatefulRedisConnection<String, String> redisConnection, RedisQueueSettings settings,
            Clock clock) {
        return new RedisMessageQueue(redisConnection.sync(), settings.keyPrefix(), clock);
    }
}
