package org.messagebroker.worker;

import java.time.Clock;
import org.messagebroker.core.MetricHelp;
import org.messagebroker.core.errors.ScheduledJobErrors;
import org.messagebroker.queue.jdbc.JdbcQueueConfiguration;
import org.messagebroker.queue.redis.RedisQueueConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The worker: claims messages from the queue and delivers them to the server's internal API; it
 * cannot read them. Metrics and health on a plain HTTP port. Settings in {@code broker-worker.properties}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({JdbcQueueConfiguration.class, RedisQueueConfiguration.class, MetricHelp.class,
        ScheduledJobErrors.class})
public class WorkerApplication {

    public static final String CONFIG_NAME = "broker-common,broker-worker";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
