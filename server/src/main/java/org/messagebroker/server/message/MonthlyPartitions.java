package org.messagebroker.server.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.server.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * With {@code BROKER_RETENTION_PARTITION_BY_MONTH}, {@code messages} is partitioned by the month (UTC) its
 * messages were accepted in: the first start with the setting rebuilds the table so (before the server takes
 * requests), partitions are kept {@value #MONTHS_AHEAD} months ahead, and retention drops a month whose
 * rows are all past the retention age in one statement instead of deleting them row by row: a message then
 * goes once the last day of the month it was accepted in is past the age, up to a month later than without.
 */
@Component
public class MonthlyPartitions implements InitializingBean {

    static final int MONTHS_AHEAD = 3;
    private static final Logger log = LoggerFactory.getLogger(MonthlyPartitions.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PartitionSql sql;

    /** Takes a JdbcTemplate, not the DataSource, so that Spring creates it after the migrations ran. */
    public MonthlyPartitions(JdbcTemplate jdbc, DatabaseVendor vendor, Clock clock, ServerSettings.Retention settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sql = !settings.partitionByMonth() ? null : switch (vendor) {
            case MYSQL -> new MariaDbPartitions();
            case POSTGRESQL -> new PostgresPartitions();
            case SQLITE -> throw new IllegalStateException("BROKER_RETENTION_PARTITION_BY_MONTH needs MariaDB/MySQL"
                    + " or PostgreSQL (DB_URL); the embedded SQLite database has no partitions");
        };
    }

    private boolean enabled() {
        return sql != null;
    }

    /** Whether {@code messages} is partitioned by month now. */
    public boolean partitioned() {
        return enabled() && on(sql::partitioned);
    }

    @Override
    public void afterPropertiesSet() {
        if (!enabled()) {
            return;
        }
        if (!partitioned()) {
            long started = System.nanoTime();
            List<YearMonth> months = range(oldestMonth(), now().plusMonths(MONTHS_AHEAD));
            log.info("Partitioning messages by month ({} to {}): the table is copied, and requests are taken once"
                    + " that is done", months.getFirst(), months.getLast());
            on(connection -> {
                sql.convert(connection, months);
                return null;
            });
            log.info("Partitioned messages by month in {} ms",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        addMonthsAhead();
    }

    /** Keeps partitions {@value #MONTHS_AHEAD} months ahead, so that no month's messages land in the catch-all. */
    @Scheduled(initialDelayString = "1d", fixedDelayString = "1d")
    public void addMonthsAhead() {
        if (!enabled()) {
            return;
        }
        List<YearMonth> existing = on(sql::months);
        List<YearMonth> missing = range(existing.getLast().plusMonths(1), now().plusMonths(MONTHS_AHEAD));
        if (!missing.isEmpty()) {
            on(connection -> {
                sql.add(connection, missing);
                return null;
            });
            log.info("Added partitions of messages for {}", missing);
        }
    }

    /** Drops each month that ended before the cutoff and holds nothing to keep; answers the rows dropped. */
    public long dropExpired(Instant cutoff) {
        if (!enabled()) {
            return 0;
        }
        long dropped = 0;
        for (YearMonth month : on(sql::months)) {
            if (!start(month.plusMonths(1)).isAfter(cutoff)) {
                long rows = on(connection -> sql.dropIfExpired(connection, month, cutoff));
                if (rows >= 0) {
                    dropped += rows;
                    log.info("Dropped the partition of messages for {} ({} messages)", month, rows);
                }
            }
        }
        return dropped;
    }

    /**
     * Retention deletes row by row only messages accepted before this: the cutoff on a table not partitioned;
     * on a partitioned one the start of the cutoff's month, as each month's messages go with their partition
     * once the whole month is past the age, and rows are deleted one by one only where a row still kept
     * (not finished) stopped a month that is past it from being dropped.
     */
    public Instant rowsAcceptedBefore(Instant cutoff) {
        return partitioned() ? start(YearMonth.from(cutoff.atZone(ZoneOffset.UTC))) : cutoff;
    }

    private YearMonth now() {
        return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    }

    private YearMonth oldestMonth() {
        LocalDateTime oldest = jdbc.queryForObject("SELECT MIN(queued_at) FROM messages", LocalDateTime.class);
        return oldest == null || YearMonth.from(oldest).isAfter(now()) ? now() : YearMonth.from(oldest);
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static List<YearMonth> range(YearMonth first, YearMonth last) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }

    private <T> T on(ConnectionCallback<T> work) {
        return jdbc.execute(work);
    }
}
