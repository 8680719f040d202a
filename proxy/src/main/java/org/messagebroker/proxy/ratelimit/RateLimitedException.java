package org.messagebroker.proxy.ratelimit;

import org.messagebroker.proxy.http.ProxyException;

/**
 * The client has used up its requests: 429 with {@code Retry-After} and the {@code X-RateLimit-*}
 * headers, which every answer to a submission carries.
 */
public class RateLimitedException extends ProxyException {

    public RateLimitedException(RateLimiter.Decision decision) {
        super(429, "Rate limit of " + decision.limit() + " requests per minute exceeded");
        with("retry_after", decision.retryAfterSeconds());
        header("Retry-After", Long.toString(decision.retryAfterSeconds()));
        decision.headers().forEach(this::header);
    }
}
