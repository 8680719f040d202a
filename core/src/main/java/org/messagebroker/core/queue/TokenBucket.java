package org.messagebroker.core.queue;

/**
 * A client's rate limit as a token bucket: {@code perMinute} requests a minute, a burst of at most that
 * many, refilled continuously at that pace, so no window edge lets twice the limit through. The queue
 * backends keep one bucket per client beside the queue (a row, a Redis hash) and take tokens in the same
 * write as the messages, so every proxy and the portal draw from the one bucket.
 */
public record TokenBucket(double tokens, long atMillis) {

    private static final double MILLIS_PER_MINUTE = 60_000.0;

    public static TokenBucket full(int perMinute, long nowMillis) {
        return new TokenBucket(perMinute, nowMillis);
    }

    /** The bucket as it stands at {@code nowMillis}: refilled for the time passed, never above the limit. */
    public TokenBucket refilled(int perMinute, long nowMillis) {
        double refill = Math.max(0, nowMillis - atMillis) * perMinute / MILLIS_PER_MINUTE;
        return new TokenBucket(Math.min(perMinute, tokens + refill), Math.max(atMillis, nowMillis));
    }

    public boolean hasToken() {
        return tokens >= 1;
    }

    public TokenBucket takeOne() {
        return new TokenBucket(tokens - 1, atMillis);
    }

    /** What the client is told: allowed or not, with the tokens this bucket has left. */
    public RateDecision decision(int perMinute, boolean allowed) {
        return RateDecision.of(perMinute, tokens, allowed, atMillis);
    }
}
