package org.messagebroker.server.message;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The retention steps of {@code scripts/bench-portal-queries.sh}, run by the server's own classes on a filled
 * database: {@code purge} purges the oldest month's messages as the server's hourly job would once they are
 * past the retention age (row by row, or as one partition on a partitioned table); {@code partition} is the
 * first start with {@code BROKER_RETENTION_PARTITION_BY_MONTH}. Each prints what it did and how long it took.
 *
 * <p>usage: {@code java -cp benchmarks.jar org.messagebroker.server.message.RetentionRun JDBC_URL USER purge|partition}
 */
public final class RetentionRun {

    private static final Duration AGE = Duration.ofDays(90);

    private RetentionRun() {
    }

    public static void main(String[] args) {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(args[0], args[1], ""));
        DatabaseVendor vendor = DatabaseVendor.of(args[0]);
        ServerSettings.Retention settings = new ServerSettings.Retention(AGE, 1000, true);
        long started = System.nanoTime();
        if (args[2].equals("partition")) {
            new MonthlyPartitions(jdbc, vendor, Clock.systemUTC(), settings).afterPropertiesSet();
            System.out.printf("partitioned by month in %,d ms%n", elapsedMillis(started));
            return;
        }
        LocalDateTime oldest = jdbc.queryForObject("SELECT MIN(queued_at) FROM messages", LocalDateTime.class);
        YearMonth month = YearMonth.from(oldest);
        Instant cutoff = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Clock clock = Clock.fixed(cutoff.plus(AGE), ZoneOffset.UTC);
        MonthlyPartitions partitions = new MonthlyPartitions(jdbc, vendor, clock, settings);
        // On a table not partitioned (yet) there is no partition to drop: the job deletes row by row.
        boolean partitioned = partitions.partitioned();
        RetentionJob job = new RetentionJob(JdbcClient.create(jdbc), partitions, event -> { }, clock,
                new SimpleMeterRegistry(), settings);
        long purged = job.purge();
        System.out.printf("purged %,d messages of %s (%s) in %,d ms%n", purged, month,
                partitioned ? "partitioned" : "row by row", elapsedMillis(started));
    }

    private static long elapsedMillis(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
