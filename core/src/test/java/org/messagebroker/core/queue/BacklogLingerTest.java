package org.messagebroker.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BacklogLingerTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private final BacklogLinger linger = new BacklogLinger(300, Duration.ofMillis(10));

    @Test
    void aBacklogThatConsumersAreWorkingOffLetsBatchesFill() {
        linger.written(1, 1_000, 0);
        assertThat(linger.lingerNanos(0)).as("nobody seen consuming yet").isZero();
        linger.written(1, 900, SECOND);
        assertThat(linger.lingerNanos(SECOND)).isEqualTo(Duration.ofMillis(10).toNanos());
    }

    @Test
    void noWaitOnceTheConsumersStopOrCaughtUp() {
        linger.written(1, 1_000, 0);
        linger.written(1, 900, SECOND);
        linger.written(5, 905, SECOND + 1);
        assertThat(linger.lingerNanos(SECOND + 1)).isPositive();
        assertThat(linger.lingerNanos(2 * SECOND + 1)).as("no consumption within a second: the server is down")
                .isZero();
        linger.written(1, 200, 3 * SECOND);
        assertThat(linger.lingerNanos(3 * SECOND)).as("consuming, but below the backlog").isZero();
    }

    @Test
    void neverWaitsWhenOff() {
        BacklogLinger never = BacklogLinger.never();
        never.written(1, 1_000_000, 0);
        never.written(1, 1, 1);
        assertThat(never.lingerNanos(1)).isZero();
    }
}
