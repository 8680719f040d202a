package org.messagebroker.proxy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.testing.MutableClock;

/** Each client's limit per window, with the headers a client paces itself by. */
class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:10Z"));
    private final RateLimiter limiter = new RateLimiter(clock, 3);

    @Test
    void theDefaultLimitHoldsPerClientAndTheRefusalSaysWhenToComeBack() {
        for (int i = 2; i >= 0; i--) {
            assertThat(limiter.enforce("acme", null).remaining()).isEqualTo(i);
        }
        assertThat(limiter.enforce("globex", null).allowed()).as("another client's own count").isTrue();
        assertThatThrownBy(() -> limiter.enforce("acme", null)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).contains("3 requests per minute");
        });
    }

    @Test
    void aClientsOwnLimitReplacesTheDefault() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.enforce("big", 5).allowed()).isTrue();
        }
        assertThatThrownBy(() -> limiter.enforce("big", 5)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void tokensComeBackAtTheLimitsPaceSoNoWindowEdgeLetsTwiceTheLimitThrough() {
        for (int i = 0; i < 3; i++) {
            limiter.enforce("acme", null);
        }
        RateLimiter.Decision refused = limiter.acquire("acme", null);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).as("3 a minute: one every 20 s").isEqualTo(20);
        assertThat(refused.headers()).containsEntry("X-RateLimit-Limit", "3").containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Reset", Long.toString(clock.instant().getEpochSecond() + 60));
        clock.advance(Duration.ofSeconds(19));
        assertThat(limiter.acquire("acme", null).allowed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.acquire("acme", null).allowed()).isTrue();
        assertThat(limiter.acquire("acme", null).allowed()).isFalse();
        clock.advance(Duration.ofMinutes(10));
        int burst = 0;
        while (limiter.acquire("acme", null).allowed()) {
            burst++;
        }
        assertThat(burst).as("an idle client's burst is its limit, not more").isEqualTo(3);
    }
}
