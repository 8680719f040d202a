package org.messagebroker.server.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.message.MessageFilter;
import org.messagebroker.server.message.MessageRepository;
import org.messagebroker.server.message.MessageRepository.Delivery;
import org.messagebroker.server.user.UserAccount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/stats?period=hour|day|week|month}: Message Broker 1.0's figures, plus the delivery time,
 * success rate, queue depth and pending dead letters, and a time series for the dashboard's charts
 * (counts by status, average delivery time and the deepest queue per bucket). {@code GET /portal/stats}:
 * the same counts for a user's own client over the last week, for their dashboard.
 */
@RestController
class StatsController {

    /** Delivery times are averaged over at most this many of the period's latest deliveries. */
    private static final int DELIVERY_SAMPLE = 50_000;

    private static final Map<String, Period> PERIODS = Map.of(
            "hour", new Period(Duration.ofHours(1), Duration.ofMinutes(5)),
            "day", new Period(Duration.ofDays(1), Duration.ofHours(1)),
            "week", new Period(Duration.ofDays(7), Duration.ofDays(1)),
            "month", new Period(Duration.ofDays(30), Duration.ofDays(1)));

    private final MessageRepository store;
    private final JdbcClient jdbc;
    private final QueueDepthHistory queueDepth;
    private final Clock clock;

    StatsController(MessageRepository store, JdbcClient jdbc, QueueDepthHistory queueDepth, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.queueDepth = queueDepth;
        this.clock = clock;
    }

    @GetMapping("/portal/stats")
    Map<String, Object> ownClient(@AuthenticationPrincipal UserAccount token) {
        String clientId = token.clientId();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("client_id", clientId);
        if (clientId == null) {
            stats.put("total_messages", 0);
            stats.put("messages_by_status", Map.of());
            stats.put("series", List.of());
            return stats;
        }
        Instant now = clock.instant();
        stats.put("total_messages", store.count(MessageFilter.of(clientId, null)));
        stats.put("messages_by_status", store.countByStatus(MessageFilter.of(clientId, null)));
        stats.put("messages_last_24h", store.count(new MessageFilter(clientId, null, now.minus(Duration.ofDays(1)), null,
                null)));
        List<Map<String, Object>> points = new ArrayList<>();
        Duration day = Duration.ofDays(1);
        // The last seven days (UTC), today included.
        for (Instant from = now.truncatedTo(ChronoUnit.DAYS).minus(day.multipliedBy(6)); from.isBefore(now);
                from = from.plus(day)) {
            points.add(Map.of("from", from, "counts",
                    store.countByStatus(new MessageFilter(clientId, null, from, from.plus(day), null))));
        }
        stats.put("series", points);
        return stats;
    }

    @GetMapping("/admin/stats")
    Map<String, Object> stats(@RequestParam(defaultValue = "day") String period) {
        Period p = PERIODS.get(period);
        if (p == null) {
            throw new Rejection.Invalid("period must be hour, day, week or month");
        }
        Instant now = clock.instant();
        Instant since = now.minus(p.length());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_messages", store.count(MessageFilter.ALL));
        stats.put("messages_by_status", store.countByStatus(MessageFilter.ALL));
        for (String status : new String[] {"active", "revoked", "expired"}) {
            stats.put(status + "_clients", jdbc.sql("SELECT COUNT(*) FROM clients WHERE status = ?").param(status)
                    .query(Long.class).single());
        }
        stats.put("total_clients", jdbc.sql("SELECT COUNT(*) FROM clients").query(Long.class).single());
        for (int days : new int[] {1, 7, 30}) {
            stats.put(days == 1 ? "messages_last_24h" : "messages_last_" + days + "d",
                    store.count(new MessageFilter(null, null, now.minus(Duration.ofDays(days)), null, null)));
        }
        Map<String, Long> inPeriod = store.countByStatus(new MessageFilter(null, null, since, null, null));
        long delivered = inPeriod.getOrDefault("delivered", 0L);
        long failed = inPeriod.getOrDefault("failed", 0L);
        List<Delivery> deliveries = store.deliveries(since, DELIVERY_SAMPLE);
        stats.put("period", period);
        stats.put("success_rate", delivered + failed == 0 ? null : (double) delivered / (delivered + failed));
        stats.put("avg_delivery_time_seconds", average(deliveries));
        stats.put("queue_depth", queueDepth.current().orElse(null));
        stats.put("dead_letters_pending", jdbc.sql("SELECT COUNT(*) FROM dead_letters WHERE status = 'pending'")
                .query(Long.class).single());
        stats.put("series", series(since, now, p.bucket(), deliveries));
        return stats;
    }

    private List<Map<String, Object>> series(Instant since, Instant now, Duration bucket, List<Delivery> deliveries) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (Instant start = since.truncatedTo(ChronoUnit.MINUTES); start.isBefore(now); start = start.plus(bucket)) {
            Instant from = start;
            Instant to = from.plus(bucket);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("from", from);
            point.put("counts", store.countByStatus(new MessageFilter(null, null, from, to, null)));
            point.put("avg_delivery_seconds", average(deliveries.stream()
                    .filter(d -> !d.deliveredAt().isBefore(from) && d.deliveredAt().isBefore(to)).toList()));
            point.put("queue_depth_max", queueDepth.deepestBetween(from, to));
            points.add(point);
        }
        return points;
    }

    private static Double average(List<Delivery> deliveries) {
        return deliveries.isEmpty() ? null : deliveries.stream().mapToDouble(Delivery::seconds).average().orElseThrow();
    }

    private record Period(Duration length, Duration bucket) {
    }
}
