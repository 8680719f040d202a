package org.messagebroker.proxy.ratelimit;

/** The client has used up its requests for this window; answered with 429 and {@code Retry-After}. */
public class RateLimitedException extends RuntimeException {

    private final RateLimiter.Decision decision;

    public RateLimitedException(RateLimiter.Decision decision) {
        super("Rate limit of " + decision.limit() + " requests per minute exceeded");
        this.decision = decision;
    }

    public RateLimiter.Decision decision() {
        return decision;
    }
}
