package org.messagebroker.core.queue;

import org.jspecify.annotations.Nullable;

/** One message to enqueue, with the client's idempotency key when it sent one. */
public record Enqueueing(QueuedMessage message, @Nullable IdempotencyKey key) {
}
