package org.messagebroker.server.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What happened to stored messages, published for whoever keeps track (the audit trail, the webhooks). */
public final class MessageEvents {

    private MessageEvents() {
    }

    /** {@code clientId} is the filter the export used, null for all the user may see. */
    public record Exported(long userId, String clientId, String ip, int rows) {
    }

    public record SentFromPortal(long userId, String clientId, String ip, String messageId) {
    }

    /** Messages a delivery stored for the first time, published in the transaction that stored them. */
    public record Delivered(List<DeliveredMessage> messages) {
    }

    public record DeliveredMessage(String messageId, String clientId) {
    }

    public record Purged(long count, Duration retention, Instant cutoff) {
    }
}
