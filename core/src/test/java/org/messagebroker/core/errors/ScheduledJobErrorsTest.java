package org.messagebroker.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@ExtendWith(OutputCaptureExtension.class)
class ScheduledJobErrorsTest {

    private static final String WARNING = "A scheduled job failed: ";

    @Test
    void aFailureIsOneLineThatSaysWhyAndTheSameFailureIsNotRepeated(CapturedOutput output) {
        ScheduledJobErrors errors = new ScheduledJobErrors();
        RuntimeException outage = new IllegalStateException("Failed to obtain JDBC connection",
                new SQLTransientConnectionException("server - Connection is not available, request timed out"));

        errors.handleError(outage);
        errors.handleError(outage);
        errors.handleError(new IllegalStateException("something else"));

        assertThat(output.getOut().lines().filter(line -> line.contains(WARNING))
                .map(line -> line.substring(line.indexOf(WARNING) + WARNING.length()))).containsExactly(
                "Failed to obtain JDBC connection; server - Connection is not available, request timed out",
                "something else");
        assertThat(output.getOut()).doesNotContain("\tat ");
    }

    /** Wired into the scheduler Spring Boot makes, on platform threads (the proxy) and virtual ones. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRolesSchedulerLogsItsJobsFailuresThatWay(boolean virtualThreads, CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
                .withUserConfiguration(FailingJob.class, ScheduledJobErrors.class)
                .withPropertyValues("spring.threads.virtual.enabled=" + virtualThreads)
                .run(context -> Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> output.getOut().contains("A scheduled job failed: the database is down")));
        assertThat(output.getOut()).doesNotContain("\tat ").doesNotContain("Unexpected error occurred");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class FailingJob {

        @Scheduled(fixedDelay = 100)
        void poll() {
            throw new IllegalStateException("the database is down");
        }
    }
}
