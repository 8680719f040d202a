package org.messagebroker.server.message;

import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.core.errors.Rejection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/messages/{id}} on the mTLS connector: a stored message's status for the proxy,
 * which answers its client's status queries (the proxy checks that the message is that client's).
 */
@RestController
class InternalMessageStatusController {

    private final MessageRepository store;

    InternalMessageStatusController(MessageRepository store) {
        this.store = store;
    }

    @GetMapping("/internal/messages/{messageId}")
    Map<String, Object> status(@PathVariable String messageId) {
        StoredMessage m = store.find(messageId)
                .orElseThrow(() -> new Rejection.NotFound("No such message"));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("message_id", m.messageId());
        status.put("client_id", m.clientId());
        status.put("status", m.status());
        status.put("attempt_count", m.attemptCount());
        status.put("queued_at", m.queuedAt());
        status.put("created_at", m.createdAt());
        status.put("delivered_at", m.deliveredAt());
        status.put("last_attempt_at", m.lastAttemptAt());
        status.put("error_message", m.errorMessage());
        return status;
    }
}
