package org.messagebroker.server.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.server.message.MessageCrypto;
import org.messagebroker.server.message.MessageRepository;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.webhook.WebhookEventRepository.WebhookEvent;
import org.messagebroker.server.webhook.WebhookRepository.Webhook;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one attempt: the event as JSON, signed ({@link WebhookSignature}), POSTed to the webhook's URL
 * after its SSRF check, without following redirects, within the timeout. A message's sender number and
 * body are added only for a client that opted in, read from the stored message at sending time, so the
 * outbox never holds them.
 */
@Component
class WebhookSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final WebhookTargets targets;
    private final WebhookRepository webhooks;
    private final MessageRepository messages;
    private final MessageCrypto crypto;
    private final Clock clock;
    private final Duration timeout;

    WebhookSender(WebhookTrust trust, WebhookTargets targets, WebhookRepository webhooks, MessageRepository messages,
            MessageCrypto crypto, Clock clock, ServerSettings.Webhooks settings) {
        this.http = HttpClient.newBuilder().sslContext(trust.sslContext()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout()).build();
        this.targets = targets;
        this.webhooks = webhooks;
        this.messages = messages;
        this.crypto = crypto;
        this.clock = clock;
        this.timeout = settings.timeout();
    }

    Attempt send(WebhookEvent event, Webhook webhook) {
        Map<String, Object> data = new LinkedHashMap<>();
        JSON.readTree(event.data()).properties().forEach(field -> data.put(field.getKey(), field.getValue()));
        if (webhook.includeContent() && event.type().startsWith("message.")) {
            messages.find(event.subject()).ifPresent(m -> {
                data.put("sender_number", crypto.sender(m));
                data.put("message_body", crypto.body(m));
            });
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.eventId());
        body.put("type", event.type());
        body.put("created_at", event.createdAt().toString());
        body.put("client_id", event.clientId());
        body.put("sequence", event.sequence());
        body.put("data", data);
        return post(webhook, event.eventId(), event.type(), JSON.writeValueAsBytes(body));
    }

    /** A {@code webhook.test} event, sent now outside the outbox, to check the receiver and its signature check. */
    Attempt test(Webhook webhook, String eventId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", "webhook.test");
        body.put("created_at", clock.instant().toString());
        body.put("client_id", webhook.clientId());
        body.put("data", Map.of());
        return post(webhook, eventId, "webhook.test", JSON.writeValueAsBytes(body));
    }

    private Attempt post(Webhook webhook, String eventId, String type, byte[] body) {
        URI url = URI.create(webhook.url());
        String refusal = targets.refusal(url);
        if (refusal != null) {
            return new Attempt(null, "url " + refusal);
        }
        long now = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "MessageBroker-Webhooks/1.1")
                .header("Broker-Event-Id", eventId)
                .header("Broker-Event-Type", type)
                .header(WebhookSignature.HEADER, WebhookSignature.header(webhooks.secret(webhook.clientId()), now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Attempt(status, status / 100 == 2 ? null : "the receiver answered " + status);
        } catch (IOException e) {
            return new Attempt(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(null, "interrupted");
        }
    }

    /** What one attempt came to: the receiver's status code if it answered, and what went wrong if anything. */
    record Attempt(Integer statusCode, String error) {
        boolean succeeded() {
            return error == null;
        }
    }
}
