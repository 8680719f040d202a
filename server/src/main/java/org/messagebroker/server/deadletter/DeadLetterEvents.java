package org.messagebroker.server.deadletter;

/** What an admin did with a dead letter, published for whoever keeps track (the audit trail). */
public final class DeadLetterEvents {

    private DeadLetterEvents() {
    }

    public record Replayed(String messageId, String clientId, long adminId, String ip) {
    }

    public record Discarded(String messageId, String clientId, long adminId, String ip, String reason) {
    }
}
