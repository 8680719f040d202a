package org.messagebroker.core.queue;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of an enqueue: the message now in the queue, or, when its idempotency key was used before
 * ({@code replayed}), the first request's message and request digest. {@code requestHash} is null for a
 * message sent without a key. {@code rate} is the client's rate-limit decision when it has a limit; a
 * message refused by it ({@link #rateLimited}) was not enqueued and has no id.
 */
public record Enqueued(@Nullable String messageId, @Nullable Instant queuedAt, long depth, boolean replayed,
        @Nullable String requestHash, @Nullable RateDecision rate) {

    public Enqueued(String messageId, Instant queuedAt, long depth, boolean replayed, @Nullable String requestHash) {
        this(messageId, queuedAt, depth, replayed, requestHash, null);
    }

    public static Enqueued refused(RateDecision rate) {
        return new Enqueued(null, null, 0, false, null, rate);
    }

    public boolean rateLimited() {
        return rate != null && !rate.allowed();
    }

    public Enqueued withRate(@Nullable RateDecision decision) {
        return new Enqueued(messageId, queuedAt, depth, replayed, requestHash, decision);
    }

    /** The same outcome with the queue's depth after the write (a backend measures it once per batch). */
    public Enqueued atDepth(long depthAfter) {
        return new Enqueued(messageId, queuedAt, depthAfter, replayed, requestHash, rate);
    }
}
