package org.messagebroker.core.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** What a worker needs of the queue: to claim messages and settle each one. */
public interface QueueConsumer {

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

    /** Up to {@code max} dead letters, oldest first, that the server has not recorded yet. */
    List<DeadLetter> deadLetters(int max);

    /** Drops dead letters the server has recorded. */
    void forgetDeadLetters(Collection<DeadLetter> recorded);
}
