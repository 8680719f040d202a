package org.messagebroker.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.messagebroker.core.MetricHelp;
import org.messagebroker.core.intake.IntakeConfiguration;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.queue.jdbc.JdbcQueueConfiguration;
import org.messagebroker.queue.redis.RedisQueueConfiguration;
import org.springframework.beans.factory.annotation.Value;
import io.micrometer.core.instrument.MeterRegistry;
import org.messagebroker.core.web.ProblemErrorPages;
import org.messagebroker.core.web.RequestDeadlines;
import org.messagebroker.core.web.RequestMetricsFilter;
import org.messagebroker.core.web.RequestIdFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The main server: stores and reads messages, users, clients and certificates; holds the keys that
 * decrypt. Its settings are in {@code broker-server.properties}.
 */
@SpringBootApplication
@EnableScheduling
@Import({JdbcQueueConfiguration.class, RedisQueueConfiguration.class, IntakeConfiguration.class, MetricHelp.class})
public class ServerApplication {

    public static final String CONFIG_NAME = "broker-common,broker-server";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Messages sent from the portal are sealed and queued like any client's. */

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    RequestMetricsFilter requestMetricsFilter(MeterRegistry meters) {
        return new RequestMetricsFilter(meters, "main_server");
    }

    @Bean
    RequestDeadlines requestDeadlines(@Value("${broker.http.request-deadline:10s}") Duration deadline) {
        return new RequestDeadlines(deadline);
    }

    @Bean
    ProblemErrorPages problemErrorPages() {
        return new ProblemErrorPages();
    }
}
