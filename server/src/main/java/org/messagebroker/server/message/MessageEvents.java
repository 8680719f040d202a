package org.messagebroker.server.message;

import java.time.Duration;
import java.time.Instant;

/** What happened to stored messages outside delivery, published for whoever keeps track (the audit trail). */
public final class MessageEvents {

    private MessageEvents() {
    }

    /** {@code clientId} is the filter the export used, null for all the user may see. */
    public record Exported(long userId, String clientId, String ip, int rows) {
    }

    public record SentFromPortal(long userId, String clientId, String ip, String messageId) {
    }

    public record Purged(long count, Duration retention, Instant cutoff) {
    }
}
