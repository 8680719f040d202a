package org.messagebroker.core.queue;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the intake (the proxy, the portal's sending) needs of the queue: to put messages in, durably. */
public interface QueueProducer {

    /**
     * Durably stores the messages before returning, in one write where the backend can (one transaction,
     * one pipeline), and answers one result per message, in order. A message whose idempotency key the
     * client used within the key's time to live is not stored: its result names the first request's
     * message ({@code replayed}); a key is recorded atomically with its message, so a crash can neither
     * lose the message nor let a retry create a second one.
     */
    List<Enqueued> enqueueAll(List<Enqueueing> messages);

    /**
     * {@link #enqueueAll} as a future, for callers that must not block on the write: the same results, or
     * the same failure. This default writes on the caller's thread; {@link GroupCommit} returns at once.
     */
    default CompletableFuture<List<Enqueued>> enqueueAllAsync(List<Enqueueing> messages) {
        try {
            return CompletableFuture.completedFuture(enqueueAll(messages));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Whether the consumers take turns with the producers at one writer (SQLite's one write lock), so that
     * every small enqueue delays them; a Redis or a server database writes for many clients at once.
     */
    default boolean sharesWriterWithConsumers() {
        return false;
    }

    default Enqueued enqueue(QueuedMessage message) {
        return enqueueAll(List.of(new Enqueueing(message, null))).getFirst();
    }

    default Enqueued enqueue(QueuedMessage message, IdempotencyKey key) {
        return enqueueAll(List.of(new Enqueueing(message, key))).getFirst();
    }
}
