package org.messagebroker.core.queue;

import java.time.Instant;
import java.util.Optional;

/** What status look-ups, health and statistics read of the queue. */
public interface QueueInspector {

    /** The message if it is still in the queue or its dead-letter store. */
    Optional<QueuedStatus> find(String messageId);

    /** Messages waiting or claimed, not counting dead letters. */
    long depth();

    /** When the oldest message still in the queue (retries and undelivered dead letters included) was accepted. */
    Optional<Instant> oldestQueuedAt();
}
