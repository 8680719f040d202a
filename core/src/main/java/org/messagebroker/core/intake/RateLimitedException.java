package org.messagebroker.core.intake;

import org.messagebroker.core.queue.RateDecision;

/** The client has used up its requests: answered 429 with {@code Retry-After} and the rate headers. */
public class RateLimitedException extends RuntimeException {

    private final transient RateDecision decision;

    public RateLimitedException(RateDecision decision) {
        super("Rate limit of " + decision.limit() + " requests per minute exceeded");
        this.decision = decision;
    }

    public RateDecision decision() {
        return decision;
    }
}
