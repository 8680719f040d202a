package org.messagebroker.server.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.messagebroker.server.ca.CertificateEvents;
import org.messagebroker.server.deadletter.DeadLetterEvents;
import org.messagebroker.server.message.MessageEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes webhook events into the outbox. The listeners run synchronously in the publisher's transaction,
 * so an event commits with the status change it reports, or not at all. Only events a client subscribed
 * to are written; which those are is read at most every few seconds, so delivery costs nothing for
 * clients without a webhook.
 */
@Component
public class WebhookOutbox {

    private static final Duration SUBSCRIPTIONS_MAX_AGE = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookRepository webhooks;
    private final WebhookEventRepository events;
    private final Clock clock;
    private volatile Map<String, Set<String>> subscriptions;
    private volatile Instant subscriptionsRead = Instant.MIN;

    WebhookOutbox(WebhookRepository webhooks, WebhookEventRepository events, Clock clock) {
        this.webhooks = webhooks;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(MessageEvents.Delivered e) {
        Map<String, List<String>> byClient = new TreeMap<>();
        for (MessageEvents.DeliveredMessage m : e.messages()) {
            if (subscribed(m.clientId(), WebhookEventType.MESSAGE_DELIVERED)) {
                byClient.computeIfAbsent(m.clientId(), client -> new ArrayList<>()).add(m.messageId());
            }
        }
        // Clients in one order, so concurrent batches lock their webhook rows in one order: no deadlock.
        byClient.forEach((clientId, messageIds) -> {
            long sequence = webhooks.reserveSequence(clientId, messageIds.size());
            for (String messageId : messageIds) {
                insert(clientId, sequence++, WebhookEventType.MESSAGE_DELIVERED, messageId,
                        Map.of("message_id", messageId, "status", "delivered"));
            }
        });
    }

    @EventListener
    void on(DeadLetterEvents.Recorded e) {
        record(e.clientId(), WebhookEventType.MESSAGE_FAILED, e.messageId(),
                Map.of("message_id", e.messageId(), "status", "failed", "reason", e.cause()));
    }

    @EventListener
    void on(CertificateEvents.Revoked e) {
        Instant now = clock.instant();
        record(e.clientId(), WebhookEventType.CERTIFICATE_REVOKED, "revoked-" + now.toEpochMilli(),
                Map.of("client_id", e.clientId(), "reason", e.code().name(), "revoked_at", now.toString()));
    }

    /** Records one event if the client subscribed to its type; answers whether it did. */
    boolean record(String clientId, WebhookEventType type, String subject, Map<String, Object> data) {
        if (!subscribed(clientId, type)) {
            return false;
        }
        insert(clientId, webhooks.reserveSequence(clientId, 1), type, subject, data);
        return true;
    }

    /** Reads the subscriptions again at the next event (this server changed a webhook). */
    void forgetSubscriptions() {
        subscriptionsRead = Instant.MIN;
    }

    private void insert(String clientId, long sequence, WebhookEventType type, String subject, Map<String, Object> data) {
        events.insert(UUID.randomUUID().toString(), clientId, sequence, type, subject,
                JSON.writeValueAsString(new TreeMap<>(data)), clock.instant());
    }

    private boolean subscribed(String clientId, WebhookEventType type) {
        Instant now = clock.instant();
        if (subscriptionsRead.isBefore(now.minus(SUBSCRIPTIONS_MAX_AGE))) {
            subscriptions = webhooks.subscriptions();
            subscriptionsRead = now;
        }
        return subscriptions.getOrDefault(clientId, Set.of()).contains(type.wireName());
    }
}
