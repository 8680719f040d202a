package org.messagebroker.core.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue between proxies and workers. Every backend passes the same contract tests.
 * Failures to reach the backend surface as {@link QueueUnavailableException}.
 */
public interface MessageQueue {

    /** Durably stores the message before returning; answers the queue depth after the enqueue. */
    long enqueue(QueuedMessage message);

    /**
     * Enqueues unless the client used this key within its time to live; then answers the first request's
     * message ({@code replayed}) and enqueues nothing. The key is recorded atomically with the enqueue,
     * so a crash can neither lose the message nor let a retry create a second one.
     */
    Enqueued enqueue(QueuedMessage message, IdempotencyKey key);

    /** The message if it is still in the queue or its dead-letter store. */
    Optional<QueuedStatus> find(String messageId);

    /** Claims up to {@code max} due messages for {@code lease}; an unfinished claim expires and is redelivered. */
    List<ClaimedMessage> claim(String consumer, int max, Duration lease);

    /**
     * Ends every claim {@code consumer} holds, making those messages due now: a worker that starts again
     * under its old name hands out what its previous run had claimed without waiting for the leases to
     * end. Answers how many claims it ended.
     */
    int releaseClaims(String consumer);

    /** Removes messages whose delivery the server has committed. */
    void acknowledge(Collection<ClaimedMessage> messages);

    /** Releases the claim and makes the message due again at {@code dueAt}, counting one failed attempt. */
    void retryLater(ClaimedMessage message, Instant dueAt, String reason);

    /** Moves the message out of the queue into the dead-letter store. */
    void deadLetter(ClaimedMessage message, String reason);

    /** Messages waiting or claimed, not counting dead letters. */
    long depth();

    /** When the oldest message still in the queue (retries and undelivered dead letters included) was accepted. */
    Optional<Instant> oldestQueuedAt();

    /** Up to {@code max} dead letters, oldest first, that the server has not recorded yet. */
    List<DeadLetter> deadLetters(int max);

    /** Drops dead letters the server has recorded. */
    void forgetDeadLetters(Collection<DeadLetter> recorded);
}
