package org.messagebroker.core.errors;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ErrorHandler;

/**
 * A scheduled job's failure (the database down while a job polls it, say) logged as one warning that says why,
 * the same failure at most once a minute, its stack trace only at DEBUG. Spring's default logs each failure
 * with its trace: a job polling every second filled the log with traces for as long as an outage lasted.
 * Imported by every role that schedules jobs; it sets itself on either kind of scheduler Spring Boot makes.
 */
public class ScheduledJobErrors implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobErrors.class);
    private static final Duration REPEAT_AFTER = Duration.ofMinutes(1);

    private String lastReason;
    private long lastLoggedAt;

    @Bean
    SimpleAsyncTaskSchedulerCustomizer virtualThreadSchedulerErrors() {
        return scheduler -> scheduler.setErrorHandler(this);
    }

    @Bean
    ThreadPoolTaskSchedulerCustomizer threadPoolSchedulerErrors() {
        return scheduler -> scheduler.setErrorHandler(this);
    }

    @Override
    public synchronized void handleError(Throwable failure) {
        String reason = Failures.describe(failure).replace("\n", "; ");
        long now = System.nanoTime();
        if (!reason.equals(lastReason) || now - lastLoggedAt >= REPEAT_AFTER.toNanos()) {
            log.warn("A scheduled job failed: {}", reason);
            lastReason = reason;
            lastLoggedAt = now;
        }
        log.debug("The scheduled job's failure", failure);
    }
}
