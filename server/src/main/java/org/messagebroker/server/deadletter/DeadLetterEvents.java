package org.messagebroker.server.deadletter;

/** Dead letters recorded, and what an admin did with them, published for whoever keeps track. */
public final class DeadLetterEvents {

    private DeadLetterEvents() {
    }

    /** A message a worker gave up on, recorded for the first time; {@code cause} is its failure cause's label. */
    public record Recorded(String messageId, String clientId, String cause) {
    }

    public record Replayed(String messageId, String clientId, long adminId, String ip) {
    }

    public record Discarded(String messageId, String clientId, long adminId, String ip, String reason) {
    }
}
