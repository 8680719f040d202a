package org.messagebroker.core.queue;

import java.time.Instant;

/**
 * The outcome of an idempotent enqueue: the message now in the queue, or, when the key was used
 * before ({@code replayed}), the first request's message and request digest.
 */
public record Enqueued(String messageId, Instant queuedAt, long depth, boolean replayed, String requestHash) {
}
