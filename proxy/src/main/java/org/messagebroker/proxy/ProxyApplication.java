package org.messagebroker.proxy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.messagebroker.core.MetricHelp;
import org.messagebroker.core.errors.ScheduledJobErrors;
import org.messagebroker.core.intake.IntakeConfiguration;
import org.messagebroker.core.queue.QueueInspector;
import org.messagebroker.core.tls.InternalApiClient;
import org.messagebroker.queue.jdbc.JdbcQueueConfiguration;
import org.messagebroker.queue.redis.RedisQueueConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The proxy: authenticates client systems by certificate, validates, seals for the server and
 * enqueues. It holds no key that decrypts. Its settings are in {@code broker-proxy.properties}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({JdbcQueueConfiguration.class, RedisQueueConfiguration.class, IntakeConfiguration.class, MetricHelp.class,
        ScheduledJobErrors.class})
public class ProxyApplication {

    public static final String CONFIG_NAME = "broker-common,broker-proxy";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The server's internal API as the proxy calls it: with the proxy's certificate, short timeouts. */
    @Bean
    InternalApiClient internalApi(ProxySettings settings) {
        ProxySettings.Tls tls = settings.tls();
        return new InternalApiClient(settings.proxy().serverUrl(), tls.certificate(), tls.privateKey(),
                tls.caCertificate(), Duration.ofSeconds(5));
    }

    /** Message Broker 1.0's queue gauge, under its name for existing dashboards, whichever backend is in use. */
    @Bean
    Gauge queueSizeGauge(MeterRegistry meters, QueueInspector queue) {
        return Gauge.builder("redis_queue_size", queue, q -> {
            try {
                return q.depth();
            } catch (RuntimeException unreachable) {
                return Double.NaN;
            }
        }).description("Messages waiting in the queue").register(meters);
    }
}
