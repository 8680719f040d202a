package org.messagebroker.server.webhook;

import java.util.Set;

/**
 * What was done to webhooks, published for whoever keeps track (the audit trail). {@code adminId} and
 * {@code ip} are null when the client did it itself over mTLS.
 */
public final class WebhookEvents {

    private WebhookEvents() {
    }

    public record Saved(String clientId, String url, Set<String> events, boolean includeContent, boolean created,
            Long adminId, String ip) {
    }

    public record Removed(String clientId, Long adminId, String ip) {
    }

    public record SecretRotated(String clientId, Long adminId, String ip) {
    }

    public record Replayed(String eventId, String clientId, long adminId, String ip) {
    }
}
