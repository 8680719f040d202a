package org.messagebroker.server.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.client.ClientRepository;
import org.messagebroker.server.webhook.WebhookRepository.Webhook;
import org.messagebroker.server.webhook.WebhookSender.Attempt;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A client's webhook registered, changed, re-keyed, removed and tried, by an admin or by the client itself. */
@Service
public class WebhookService {

    private final WebhookRepository webhooks;
    private final WebhookEventRepository events;
    private final WebhookTargets targets;
    private final WebhookSender sender;
    private final WebhookOutbox outbox;
    private final ClientRepository clients;
    private final ApplicationEventPublisher published;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, WebhookEventRepository events, WebhookTargets targets,
            WebhookSender sender, WebhookOutbox outbox, ClientRepository clients, ApplicationEventPublisher published,
            Clock clock) {
        this.webhooks = webhooks;
        this.events = events;
        this.targets = targets;
        this.sender = sender;
        this.outbox = outbox;
        this.clients = clients;
        this.published = published;
        this.clock = clock;
    }

    public Webhook get(String clientId) {
        return webhooks.find(clientId).orElseThrow(() -> new Rejection.NotFound("Client " + clientId + " has no webhook"));
    }

    /** Registers or changes the webhook; the answer carries the secret when one was made (shown once). */
    @Transactional
    public Map<String, Object> save(String clientId, WebhookRequest request, Long adminId, String ip) {
        if (!clients.exists(clientId)) {
            throw new Rejection.NotFound("Client not found: " + clientId);
        }
        targets.checked(request.url());
        Set<String> types = eventTypes(request.events());
        Optional<String> secret = webhooks.save(clientId, request.url(), types, request.includeContent(), clock.instant());
        outbox.forgetSubscriptions();
        published.publishEvent(new WebhookEvents.Saved(clientId, request.url(), types, request.includeContent(),
                secret.isPresent(), adminId, ip));
        return view(get(clientId), secret);
    }

    @Transactional
    public Map<String, Object> rotateSecret(String clientId, Long adminId, String ip) {
        String secret = webhooks.rotateSecret(clientId, clock.instant())
                .orElseThrow(() -> new Rejection.NotFound("Client " + clientId + " has no webhook"));
        published.publishEvent(new WebhookEvents.SecretRotated(clientId, adminId, ip));
        return view(get(clientId), Optional.of(secret));
    }

    /** Removes the webhook and the events it still had to send. */
    @Transactional
    public void delete(String clientId, Long adminId, String ip) {
        events.deletePending(clientId);
        if (!webhooks.delete(clientId)) {
            throw new Rejection.NotFound("Client " + clientId + " has no webhook");
        }
        outbox.forgetSubscriptions();
        published.publishEvent(new WebhookEvents.Removed(clientId, adminId, ip));
    }

    /** Sends a {@code webhook.test} event now and answers what the receiver said. */
    public Map<String, Object> test(String clientId) {
        String eventId = UUID.randomUUID().toString();
        Instant started = clock.instant();
        Attempt attempt = sender.test(get(clientId), eventId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event_id", eventId);
        answer.put("delivered", attempt.succeeded());
        answer.put("status_code", attempt.statusCode());
        answer.put("error", attempt.error());
        answer.put("duration_ms", Duration.between(started, clock.instant()).toMillis());
        return answer;
    }

    @Transactional
    public void replay(String eventId, long adminId, String ip) {
        if (!events.replay(eventId, clock.instant())) {
            throw new Rejection.NotFound("No failed webhook event " + eventId);
        }
        String clientId = events.clientOf(eventId);
        published.publishEvent(new WebhookEvents.Replayed(eventId, clientId, adminId, ip));
    }

    public Map<String, Object> view(Webhook webhook, Optional<String> secret) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("client_id", webhook.clientId());
        view.put("url", webhook.url());
        view.put("events", webhook.events());
        view.put("include_content", webhook.includeContent());
        view.put("created_at", webhook.createdAt());
        view.put("updated_at", webhook.updatedAt());
        secret.ifPresent(value -> view.put("secret", value));
        return view;
    }

    private static Set<String> eventTypes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new Rejection.Invalid("events must name at least one of message.delivered, message.failed,"
                    + " certificate.expiring, certificate.revoked");
        }
        Set<String> types = new TreeSet<>();
        for (String name : requested) {
            types.add(WebhookEventType.of(name).orElseThrow(() -> new Rejection.Invalid("events: unknown event type "
                    + name + "; known are message.delivered, message.failed, certificate.expiring,"
                    + " certificate.revoked")).wireName());
        }
        return types;
    }
}
