package org.messagebroker.proxy.ratelimit;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fixed one-minute windows per client: the original's documented 100 requests per 60 s by default,
 * or the client's own limit from the server's records. Counted per proxy instance.
 */
@Component
public class RateLimiter {

    private static final long WINDOW_MILLIS = 60_000;

    private final Clock clock;
    private final int defaultPerMinute;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(Clock clock, @Value("${broker.proxy.rate-limit-per-minute:100}") int defaultPerMinute) {
        this.clock = clock;
        this.defaultPerMinute = defaultPerMinute;
    }

    /**
     * Counts one request, writes the {@code X-RateLimit-*} headers, and throws {@link RateLimitedException}
     * when the client is over its limit.
     */
    public void enforce(String clientId, Integer clientLimit, HttpServletResponse response) {
        Decision rate = acquire(clientId, clientLimit);
        response.setHeader("X-RateLimit-Limit", Integer.toString(rate.limit()));
        response.setHeader("X-RateLimit-Remaining", Integer.toString(rate.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(rate.resetEpochSeconds()));
        if (!rate.allowed()) {
            throw new RateLimitedException(rate);
        }
    }

    /** Counts one request for the client and answers whether it may go ahead, with the header values. */
    public Decision acquire(String clientId, Integer clientLimit) {
        int limit = clientLimit == null ? defaultPerMinute : clientLimit;
        long now = clock.millis();
        long start = now - now % WINDOW_MILLIS;
        Window window = windows.compute(clientId, (id, w) -> w == null || w.start != start ? new Window(start, 1)
                : new Window(start, w.count + 1));
        long resetEpochSeconds = (start + WINDOW_MILLIS) / 1000;
        long retryAfterSeconds = Math.max(1, (start + WINDOW_MILLIS - now + 999) / 1000);
        return new Decision(window.count <= limit, limit, Math.max(0, limit - window.count), resetEpochSeconds,
                retryAfterSeconds);
    }

    private record Window(long start, int count) {
    }

    /** The outcome and what the {@code X-RateLimit-*} and {@code Retry-After} headers say. */
    public record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds, long retryAfterSeconds) {
    }
}
