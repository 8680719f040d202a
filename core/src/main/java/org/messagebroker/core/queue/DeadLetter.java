package org.messagebroker.core.queue;

import java.time.Instant;

/**
 * A message the worker gave up on, waiting in the queue's dead-letter store until the server has
 * recorded it.
 *
 * @param receipt  the backend's handle for this dead letter
 * @param attempts the failed delivery attempts, the last one included
 */
public record DeadLetter(String receipt, QueuedMessage message, int attempts, String reason, Instant deadAt) {
}
