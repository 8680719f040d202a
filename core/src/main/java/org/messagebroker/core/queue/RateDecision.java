package org.messagebroker.core.queue;

import java.util.Map;

/**
 * A rate-limit outcome and what its headers say: the limit, the whole tokens left, when the bucket is
 * full again (epoch seconds) and, when refused, the seconds until the next token.
 */
public record RateDecision(boolean allowed, int limit, int remaining, long resetEpochSeconds, long retryAfterSeconds) {

    /** The decision for a bucket of {@code limit} a minute holding {@code tokensLeft} at {@code nowMillis}. */
    public static RateDecision of(int limit, double tokensLeft, boolean allowed, long nowMillis) {
        double perMilli = limit / 60_000.0;
        long fullAt = nowMillis + (long) Math.ceil(Math.max(0, limit - tokensLeft) / perMilli);
        long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokensLeft) / perMilli / 1000));
        return new RateDecision(allowed, limit, (int) Math.max(0, Math.floor(tokensLeft)), (fullAt + 999) / 1000,
                retryAfter);
    }

    public Map<String, String> headers() {
        return Map.of("X-RateLimit-Limit", Integer.toString(limit), "X-RateLimit-Remaining", Integer.toString(remaining),
                "X-RateLimit-Reset", Long.toString(resetEpochSeconds));
    }
}
