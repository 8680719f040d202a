package org.messagebroker.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.messagebroker.core.MetricHelp;
import org.messagebroker.core.errors.ScheduledJobErrors;
import org.messagebroker.core.intake.IntakeConfiguration;
import org.messagebroker.core.web.ProblemErrorPages;
import org.messagebroker.core.web.RequestDeadlines;
import org.messagebroker.core.web.RequestIdFilter;
import org.messagebroker.core.web.RequestMetricsFilter;
import org.messagebroker.queue.jdbc.JdbcQueueConfiguration;
import org.messagebroker.queue.redis.RedisQueueConfiguration;
import org.messagebroker.server.settings.ServerSettings;
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
@Import({JdbcQueueConfiguration.class, RedisQueueConfiguration.class, IntakeConfiguration.class, MetricHelp.class,
        ScheduledJobErrors.class})
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
    RequestDeadlines requestDeadlines(ServerSettings settings) {
        return new RequestDeadlines(settings.http().requestDeadline());
    }

    @Bean
    ProblemErrorPages problemErrorPages() {
        return new ProblemErrorPages();
    }
}
