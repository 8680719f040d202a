package org.messagebroker.proxy;

import java.nio.file.Path;
import java.time.Clock;
import org.messagebroker.core.seal.EnvelopeSealer;
import org.messagebroker.core.tls.PemFiles;
import io.micrometer.core.instrument.MeterRegistry;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.web.ProblemErrorPages;
import org.messagebroker.core.web.RequestMetricsFilter;
import org.messagebroker.core.web.RequestIdFilter;
import org.messagebroker.queue.jdbc.JdbcQueueConfiguration;
import org.messagebroker.queue.redis.RedisQueueConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The proxy: authenticates client systems by certificate, validates, seals for the server and
 * enqueues. It holds no key that decrypts. Its settings are in {@code broker-proxy.properties}.
 */
@SpringBootApplication
@EnableScheduling
@Import({JdbcQueueConfiguration.class, RedisQueueConfiguration.class})
public class ProxyApplication {

    public static final String CONFIG_NAME = "broker-common,broker-proxy";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    RequestMetricsFilter requestMetricsFilter(MeterRegistry meters, MessageQueue queue) {
        // The original's queue gauge, under its name for existing dashboards, whichever backend is in use.
        meters.gauge("redis_queue_size", queue, q -> {
            try {
                return q.depth();
            } catch (RuntimeException unreachable) {
                return Double.NaN;
            }
        });
        return new RequestMetricsFilter(meters, "proxy");
    }

    @Bean
    ProblemErrorPages problemErrorPages() {
        return new ProblemErrorPages();
    }

    @Bean
    EnvelopeSealer envelopeSealer(@Value("${broker.sealing.public-key}") Path serverKey, Clock clock) {
        return new EnvelopeSealer(PemFiles.readRsaPublicKey(serverKey), clock);
    }
}
