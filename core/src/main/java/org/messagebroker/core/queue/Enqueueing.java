package org.messagebroker.core.queue;

import org.jspecify.annotations.Nullable;

/**
 * One message to enqueue, with the client's idempotency key when it sent one and the client's rate limit
 * in requests a minute (0: none), which the backend enforces with the client's shared {@link TokenBucket}.
 */
public record Enqueueing(QueuedMessage message, @Nullable IdempotencyKey key, int ratePerMinute) {

    public Enqueueing(QueuedMessage message, @Nullable IdempotencyKey key) {
        this(message, key, 0);
    }

    public boolean limited() {
        return ratePerMinute > 0;
    }
}
