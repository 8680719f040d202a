package org.messagebroker.proxy.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client: the original's documented 100 requests per minute by default (or the
 * client's own limit from the server's records), as a burst of at most that many, refilled continuously
 * at that rate. Unlike fixed one-minute windows it lets no client send twice its limit around a window's
 * edge. Counted per proxy instance.
 */
@Component
public class RateLimiter {

    private static final double MILLIS_PER_MINUTE = 60_000.0;

    private final Clock clock;
    private final int defaultPerMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(Clock clock, @Value("${broker.proxy.rate-limit-per-minute:100}") int defaultPerMinute) {
        this.clock = clock;
        this.defaultPerMinute = defaultPerMinute;
    }

    /** Takes one token; throws {@link RateLimitedException} when the client has none. */
    public Decision enforce(String clientId, Integer clientLimit) {
        Decision rate = acquire(clientId, clientLimit);
        if (!rate.allowed()) {
            throw new RateLimitedException(rate);
        }
        return rate;
    }

    /** Takes one token if the client has one, and answers what the {@code X-RateLimit-*} headers say. */
    public Decision acquire(String clientId, Integer clientLimit) {
        int limit = clientLimit == null ? defaultPerMinute : clientLimit;
        double perMilli = limit / MILLIS_PER_MINUTE;
        long now = clock.millis();
        Bucket bucket = buckets.compute(clientId, (id, old) -> {
            double tokens = old == null || old.limit != limit ? limit
                    : Math.min(limit, old.tokens + (now - old.at) * perMilli);
            return tokens >= 1 ? new Bucket(limit, tokens - 1, now, true) : new Bucket(limit, tokens, now, false);
        });
        long fullAt = now + (long) Math.ceil((limit - bucket.tokens) / perMilli);
        long retryAfterSeconds = bucket.allowed ? 0 : Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perMilli / 1000));
        return new Decision(bucket.allowed, limit, (int) Math.floor(bucket.tokens), (fullAt + 999) / 1000,
                retryAfterSeconds);
    }

    private record Bucket(int limit, double tokens, long at, boolean allowed) {
    }

    /**
     * The outcome and what the headers say: the limit, the whole tokens left, when the bucket is full
     * again (epoch seconds) and, when refused, how long until the next token.
     */
    public record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds, long retryAfterSeconds) {

        public Map<String, String> headers() {
            return Map.of("X-RateLimit-Limit", Integer.toString(limit), "X-RateLimit-Remaining",
                    Integer.toString(remaining), "X-RateLimit-Reset", Long.toString(resetEpochSeconds));
        }
    }
}
