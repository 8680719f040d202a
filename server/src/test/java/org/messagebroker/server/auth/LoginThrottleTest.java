package org.messagebroker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.server.settings.ServerSettings;

class LoginThrottleTest {

    private static final String OWNER = "10.0.0.1";
    private static final String STRANGER = "198.51.100.7";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, new ServerSettings.Login(5, 100, Duration.ofMinutes(15)));

    @Test
    void anAccountLocksAfterFiveFailuresUntilTheWindowEnds() {
        fail("ann@example.com", STRANGER, 4);
        assertThat(throttle.retryAfterSeconds("ann@example.com", STRANGER)).isZero();
        assertThat(throttle.failed("ANN@example.com ", STRANGER)).as("the failure that locks says until when")
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(throttle.retryAfterSeconds("ann@example.com", STRANGER)).isEqualTo(900);
        assertThat(throttle.failed("ann@example.com", STRANGER)).as("only the locking failure says so").isNull();
        assertThat(throttle.retryAfterSeconds("ann@example.com", "203.0.113.1")).as("any new address").isEqualTo(900);
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.retryAfterSeconds("ann@example.com", STRANGER)).isZero();
    }

    @Test
    void aStrangersGuessesDoNotLockTheOwnerOutAtAnAddressTheyUsedBefore() {
        throttle.succeeded("ann@example.com", OWNER);
        fail("ann@example.com", STRANGER, 20);
        assertThat(throttle.retryAfterSeconds("ann@example.com", STRANGER)).isPositive();
        assertThat(throttle.retryAfterSeconds("ann@example.com", OWNER)).isZero();
    }

    @Test
    void anAddressLocksAfterItsOwnHigherLimitWhateverTheAccounts() {
        for (int i = 0; i < 99; i++) {
            throttle.failed("user" + i + "@example.com", STRANGER);
        }
        assertThat(throttle.retryAfterSeconds("someone@example.com", STRANGER)).isZero();
        throttle.failed("last@example.com", STRANGER);
        assertThat(throttle.retryAfterSeconds("someone@example.com", STRANGER)).isPositive();
        throttle.succeeded("someone@example.com", STRANGER);
        assertThat(throttle.retryAfterSeconds("someone@example.com", STRANGER)).as("a known address keeps its limit")
                .isPositive();
    }

    @Test
    void wrongCurrentPasswordsCountPerUserAndAddress() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.passwordCheckRetryAfterSeconds(7, OWNER)).isZero();
            throttle.passwordCheckFailed(7, OWNER);
        }
        assertThat(throttle.passwordCheckRetryAfterSeconds(7, OWNER)).isEqualTo(900);
        assertThat(throttle.passwordCheckRetryAfterSeconds(8, "10.0.0.2")).as("another user elsewhere").isZero();
    }

    @Test
    void onlyTheLastSixteenAddressesAreRemembered() {
        throttle.succeeded("ann@example.com", OWNER);
        for (int i = 0; i < LoginThrottle.KNOWN_ADDRESSES; i++) {
            throttle.succeeded("ann@example.com", "10.1.0." + i);
        }
        fail("ann@example.com", STRANGER, 5);
        assertThat(throttle.retryAfterSeconds("ann@example.com", OWNER)).isPositive();
        assertThat(throttle.retryAfterSeconds("ann@example.com", "10.1.0.0")).isZero();
    }

    @Test
    void expiredCountsAreDroppedOnceTheTableIsLarge() {
        for (int i = 0; i <= LoginThrottle.PRUNE_ABOVE; i++) {
            throttle.failed("made-up-" + i + "@example.com", "192.0.2." + (i % 250));
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("ann@example.com", STRANGER);
        assertThat(throttle.trackedCounts()).isEqualTo(2);
    }

    private void fail(String email, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(email, address);
        }
    }
}
