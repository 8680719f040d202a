package org.messagebroker.server.message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.storage.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges delivered and failed messages older than the retention age (default 90 days, as the
 * original's manual says) in bounded batches, so a large purge never holds long locks; where
 * {@code messages} is partitioned by month, by whole months instead ({@link MonthlyPartitions}).
 */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;
    private final Counter purged;

    public RetentionJob(JdbcClient jdbc, MonthlyPartitions partitions, ApplicationEventPublisher events, Clock clock,
            MeterRegistry meters, ServerSettings.Retention settings) {
        Duration retention = settings.age();
        int batchSize = settings.batchSize();
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.events = events;
        this.clock = clock;
        this.retention = retention;
        this.batchSize = batchSize;
        this.purged = meters.counter("main_server_messages_purged_total");
    }

    @Scheduled(initialDelayString = "${broker.retention.initial-delay:5m}",
            fixedDelayString = "${broker.retention.interval:1h}")
    public void run() {
        purge();
    }

    /** Purges everything past the retention age; answers how many messages went. */
    public long purge() {
        Instant cutoff = clock.instant().minus(retention);
        long total = partitions.dropExpired(cutoff);
        Instant acceptedBefore = partitions.rowsAcceptedBefore(cutoff);
        List<Long> ids;
        do {
            ids = jdbc.sql("SELECT id FROM messages WHERE status IN ('delivered', 'failed') AND created_at < ?"
                            + " AND queued_at < ? ORDER BY id LIMIT ?")
                    .params(DbTime.utc(cutoff), DbTime.utc(acceptedBefore), batchSize).query(Long.class).list();
            if (!ids.isEmpty()) {
                total += jdbc.sql("DELETE FROM messages WHERE id IN (:ids)").param("ids", ids).update();
            }
        } while (ids.size() == batchSize);
        if (total > 0) {
            purged.increment(total);
            events.publishEvent(new MessageEvents.Purged(total, retention, cutoff));
            log.info("Purged {} messages older than {} days", total, retention.toDays());
        }
        return total;
    }
}
