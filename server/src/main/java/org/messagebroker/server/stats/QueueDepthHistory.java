package org.messagebroker.server.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.QueueUnavailableException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples the queue's depth for the dashboard's chart. The samples live in this server's memory (a
 * month at one a minute is about 43,000 entries): a restart starts the chart afresh, which is enough
 * for watching a backlog form and drain; Prometheus keeps the durable history.
 */
@Component
class QueueDepthHistory {

    private static final Duration KEPT = Duration.ofDays(30);

    private final MessageQueue queue;
    private final Clock clock;
    private final ConcurrentNavigableMap<Instant, Long> samples = new ConcurrentSkipListMap<>();

    QueueDepthHistory(MessageQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedRateString = "${broker.stats.queue-sample-interval:1m}")
    void sample() {
        Instant now = clock.instant();
        current().ifPresent(depth -> samples.put(now, depth));
        samples.headMap(now.minus(KEPT)).clear();
    }

    /** The depth now, or empty while the queue cannot be reached (the chart shows a gap, not a zero). */
    Optional<Long> current() {
        try {
            return Optional.of(queue.depth());
        } catch (QueueUnavailableException unavailable) {
            return Optional.empty();
        }
    }

    /** The deepest sample taken in [from, to), or null when none was taken. */
    Long deepestBetween(Instant from, Instant to) {
        return samples.subMap(from, to).values().stream().max(Long::compare).orElse(null);
    }
}
