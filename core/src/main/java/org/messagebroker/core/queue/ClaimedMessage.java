package org.messagebroker.core.queue;

/**
 * A message a consumer has claimed. Until it is acknowledged, retried or dead-lettered the queue
 * keeps it and hands it out again once the claim's lease runs out.
 *
 * @param receipt  the backend's handle for this entry
 * @param attempts how many delivery attempts failed before this claim
 */
public record ClaimedMessage(String receipt, QueuedMessage message, int attempts) {
}
