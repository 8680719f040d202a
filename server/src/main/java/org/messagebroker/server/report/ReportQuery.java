package org.messagebroker.server.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.messagebroker.server.report.MessageReport.DayCount;
import org.messagebroker.server.report.MessageReport.Percentiles;
import org.messagebroker.server.report.MessageReport.ReasonCount;
import org.messagebroker.server.storage.PortalReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds a {@link MessageReport} with SQL every supported database runs alike: counts one day at a time
 * (each an index range on {@code created_at}), delivery times streamed into histograms rather than held.
 */
@Component
class ReportQuery {

    static final int TOP_REASONS = 20;
    /** Delivery times above a day are counted as a day: the histogram's range, not a realistic figure. */
    private static final long LONGEST_MS = Duration.ofDays(1).toMillis();

    private final PortalReads reads;

    ReportQuery(PortalReads reads) {
        this.reads = reads;
    }

    /** The report on the days {@code from} to {@code to}, both included; {@code clientId} null for all clients. */
    MessageReport report(LocalDate from, LocalDate to, String clientId) {
        return reads.read(db -> report(db, from, to, clientId));
    }

    private static MessageReport report(JdbcClient db, LocalDate from, LocalDate to, String clientId) {
        List<DayCount> daily = new ArrayList<>();
        Map<String, Long> totals = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate current = day;
            scoped(db, "SELECT client_id, status, COUNT(*) FROM messages WHERE created_at >= ? AND created_at < ?",
                    current, current.plusDays(1), clientId, " GROUP BY client_id, status ORDER BY client_id, status")
                    .query(rs -> {
                        DayCount count = new DayCount(current, rs.getString(1), rs.getString(2), rs.getLong(3));
                        daily.add(count);
                        totals.merge(count.status(), count.count(), Long::sum);
                    });
        }
        Histogram all = histogram();
        Map<String, Histogram> byClient = new TreeMap<>();
        scoped(db, "SELECT client_id, queued_at, delivered_at FROM messages WHERE status = 'delivered'"
                + " AND created_at >= ? AND created_at < ?", from, to.plusDays(1), clientId, "").query(rs -> {
                    long ms = Math.clamp(Duration.between(rs.getObject(2, LocalDateTime.class),
                            rs.getObject(3, LocalDateTime.class)).toMillis(), 0, LONGEST_MS);
                    all.recordValue(ms);
                    byClient.computeIfAbsent(rs.getString(1), c -> histogram()).recordValue(ms);
                });
        Map<String, Percentiles> perClient = new LinkedHashMap<>();
        byClient.forEach((client, histogram) -> perClient.put(client, percentiles(histogram)));
        List<ReasonCount> failures = scoped(db,
                "SELECT error_message, COUNT(*) AS n FROM messages WHERE status = 'failed'"
                + " AND created_at >= ? AND created_at < ?", from, to.plusDays(1), clientId,
                " GROUP BY error_message ORDER BY n DESC, error_message")
                .query((rs, n) -> new ReasonCount(rs.getString(1) == null ? "(none given)" : rs.getString(1),
                        rs.getLong(2)))
                .list();
        return new MessageReport(from, to, clientId, totals, daily, percentiles(all), perClient,
                failures.subList(0, Math.min(TOP_REASONS, failures.size())));
    }

    private static JdbcClient.StatementSpec scoped(JdbcClient db, String select, LocalDate from, LocalDate until,
            String clientId, String rest) {
        String sql = select + (clientId == null ? "" : " AND client_id = ?") + rest;
        JdbcClient.StatementSpec statement = db.sql(sql).param(from.atStartOfDay()).param(until.atStartOfDay());
        return clientId == null ? statement : statement.param(clientId);
    }

    private static Histogram histogram() {
        return new Histogram(LONGEST_MS, 3);
    }

    private static Percentiles percentiles(Histogram histogram) {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return new Percentiles(0, null, null, null, null);
        }
        return new Percentiles(count, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }
}
