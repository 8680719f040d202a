package org.messagebroker.core.queue;

import java.time.Instant;

/** A message still in the queue (waiting, claimed, retrying or dead-lettered but not yet handed over). */
public record QueuedStatus(String messageId, String clientId, Instant queuedAt, int attempts) {
}
