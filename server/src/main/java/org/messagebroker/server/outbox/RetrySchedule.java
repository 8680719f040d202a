package org.messagebroker.server.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When an outbox's sender (webhooks, e-mail) tries a failed attempt again: exponential backoff from the
 * first delay, doubled per attempt up to the largest, with jitter between half and all of it so that
 * receivers coming back are not hit by every sender at once; no more tries once the item is older than
 * the retry period.
 */
public record RetrySchedule(Duration first, Duration max, Duration retryFor, DoubleSupplier random) {

    /** Delays with random jitter. */
    public static RetrySchedule of(Duration first, Duration max, Duration retryFor) {
        return new RetrySchedule(first, max, retryFor, Math::random);
    }

    /** The time of the next attempt after {@code attempts} failed ones, or empty when the event has failed for good. */
    public Optional<Instant> next(int attempts, Instant createdAt, Instant now) {
        long doublings = Math.min(attempts - 1, 30);
        Duration backoff = first.multipliedBy(1L << doublings);
        if (backoff.compareTo(max) > 0 || backoff.isNegative()) {
            backoff = max;
        }
        Duration delay = Duration.ofMillis((long) (backoff.toMillis() * (0.5 + random.getAsDouble() / 2)));
        Instant next = now.plus(delay);
        return next.isAfter(createdAt.plus(retryFor)) ? Optional.empty() : Optional.of(next);
    }
}
