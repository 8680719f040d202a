package org.messagebroker.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    @Test
    void theOriginalsFixedIntervalIsTheSameAfterEveryFailure() {
        RetryPolicy fixed = new RetryPolicy(RetryPolicy.Backoff.fixed, THIRTY_SECONDS, Duration.ofHours(1), () -> 0.5);
        assertThat(fixed.delayAfter(1)).isEqualTo(THIRTY_SECONDS);
        assertThat(fixed.delayAfter(9_999)).isEqualTo(THIRTY_SECONDS);
    }

    @Test
    void exponentialBackoffDoublesUpToTheCeilingWithFullJitter() {
        RetryPolicy top = new RetryPolicy(RetryPolicy.Backoff.exponential, THIRTY_SECONDS, Duration.ofMinutes(10),
                () -> 0.999_999);
        assertThat(top.delayAfter(1)).isBetween(Duration.ofMillis(29_999), THIRTY_SECONDS);
        assertThat(top.delayAfter(2)).isBetween(Duration.ofMillis(59_999), Duration.ofSeconds(60));
        assertThat(top.delayAfter(3)).isBetween(Duration.ofMillis(119_999), Duration.ofSeconds(120));
        assertThat(top.delayAfter(6)).isBetween(Duration.ofMillis(599_999), Duration.ofMinutes(10));
        assertThat(top.delayAfter(10_000)).as("no overflow on huge attempt counts")
                .isBetween(Duration.ofMillis(599_999), Duration.ofMinutes(10));

        RetryPolicy bottom = new RetryPolicy(RetryPolicy.Backoff.exponential, THIRTY_SECONDS, Duration.ofMinutes(10),
                () -> 0.0);
        assertThat(bottom.delayAfter(5)).isZero();
    }
}
