package org.messagebroker.core.queue;

import java.time.Instant;

/**
 * The outcome of an enqueue: the message now in the queue, or, when its idempotency key was used before
 * ({@code replayed}), the first request's message and request digest. {@code requestHash} is null for a
 * message sent without a key.
 */
public record Enqueued(String messageId, Instant queuedAt, long depth, boolean replayed, String requestHash) {

    /** The same outcome with the queue's depth after the write (a backend measures it once per batch). */
    public Enqueued atDepth(long depthAfter) {
        return new Enqueued(messageId, queuedAt, depthAfter, replayed, requestHash);
    }
}
