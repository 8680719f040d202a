package org.messagebroker.worker.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to try again after a temporary failure. Message Broker 1.0's policy is the default: a fixed interval
 * (30 s). The exponential option doubles the wait per failed attempt up to a ceiling and spreads retries
 * with full jitter, so a fleet of workers does not hammer a server that just came back.
 */
final class RetryPolicy {

    enum Backoff { fixed, exponential }

    private final Backoff backoff;
    private final Duration interval;
    private final Duration maxInterval;
    private final DoubleSupplier random;

    RetryPolicy(Backoff backoff, Duration interval, Duration maxInterval, DoubleSupplier random) {
        this.backoff = backoff;
        this.interval = interval;
        this.maxInterval = maxInterval;
        this.random = random;
    }

    static RetryPolicy of(WorkerSettings settings) {
        return new RetryPolicy(settings.retryBackoff(), settings.retryInterval(), settings.retryMaxInterval(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait after the {@code failedAttempts}-th failure (1 for the first). */
    Duration delayAfter(int failedAttempts) {
        if (backoff == Backoff.fixed) {
            return interval;
        }
        long ceiling = interval.toMillis() << Math.min(failedAttempts - 1, 30);
        long capped = Math.min(ceiling <= 0 ? Long.MAX_VALUE : ceiling, maxInterval.toMillis());
        return Duration.ofMillis((long) (capped * random.getAsDouble()));
    }
}
