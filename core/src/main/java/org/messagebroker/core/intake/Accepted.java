package org.messagebroker.core.intake;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.messagebroker.core.queue.RateDecision;

/**
 * A message the queue has durably taken: what the 202 answers. {@code replayed}: the client's
 * idempotency key had been used for the same request before, and this is that request's message.
 * {@code rate}: the client's rate-limit standing, for the {@code X-RateLimit-*} headers (null: no limit).
 */
public record Accepted(String messageId, String clientId, Instant queuedAt, long position, boolean replayed,
        @Nullable RateDecision rate) {

    /** The {@code X-RateLimit-*} headers, if the client has a limit. */
    public Map<String, String> rateHeaders() {
        return rate == null ? Map.of() : rate.headers();
    }

    /** The 202's JSON body, Message Broker 1.0's fields. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message_id", messageId);
        body.put("status", "queued");
        body.put("client_id", clientId);
        body.put("queued_at", queuedAt.toString());
        body.put("position", position);
        return body;
    }
}
