package org.messagebroker.server.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    final Instant created = Instant.parse("2026-06-01T00:00:00Z");

    RetrySchedule withRandom(double random) {
        return new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(24), () -> random);
    }

    @Test
    void theDelayDoublesPerAttemptUpToTheLargestWithJitterBetweenHalfAndAll() {
        Instant now = created.plusSeconds(5);
        assertThat(withRandom(1.0).next(1, created, now)).contains(now.plusSeconds(10));
        assertThat(withRandom(0.0).next(1, created, now)).contains(now.plusSeconds(5));
        assertThat(withRandom(1.0).next(4, created, now)).contains(now.plusSeconds(80));
        assertThat(withRandom(1.0).next(20, created, now)).contains(now.plus(Duration.ofHours(1)));
        assertThat(withRandom(1.0).next(500, created, now)).as("no overflow").contains(now.plus(Duration.ofHours(1)));
    }

    @Test
    void noMoreAttemptsOnceTheNextWouldFallPastTheRetryPeriod() {
        assertThat(withRandom(1.0).next(30, created, created.plus(Duration.ofHours(22)))).isPresent();
        assertThat(withRandom(1.0).next(30, created, created.plus(Duration.ofHours(23)).plusSeconds(1))).isEmpty();
    }
}
