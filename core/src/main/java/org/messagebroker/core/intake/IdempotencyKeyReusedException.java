package org.messagebroker.core.intake;

/** The client used its idempotency key before for a different request; answered with 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for a different request in the last 24 hours; use a new key.");
    }
}
