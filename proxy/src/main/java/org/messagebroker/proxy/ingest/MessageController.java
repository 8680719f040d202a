package org.messagebroker.proxy.ingest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.messagebroker.core.Failpoints;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.message.MessageValidator;
import org.messagebroker.core.message.MessageValidator.FieldError;
import org.messagebroker.core.queue.Enqueued;
import org.messagebroker.core.queue.IdempotencyKey;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.seal.EnvelopeSealer;
import org.messagebroker.proxy.access.ClientGate;
import org.messagebroker.proxy.ratelimit.RateLimiter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/messages}. Answers 202 only after the queue has durably stored the sealed message.
 * With an {@code Idempotency-Key} a retried request gets the first request's answer and no second message.
 */
@RestController
class MessageController {

    private static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);

    private final MessageQueue queue;
    private final EnvelopeSealer sealer;
    private final IngestMetrics metrics;
    private final ClientGate gate;
    private final RateLimiter rateLimiter;
    private final Clock clock;

    MessageController(MessageQueue queue, EnvelopeSealer sealer, IngestMetrics metrics, ClientGate gate,
            RateLimiter rateLimiter, Clock clock) {
        this.queue = queue;
        this.sealer = sealer;
        this.metrics = metrics;
        this.gate = gate;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> submit(@RequestBody SubmitRequest request, HttpServletRequest http,
            HttpServletResponse response) {
        ClientGate.AdmittedClient client = gate.admit(http);
        rateLimiter.enforce(client.clientId(), client.rateLimitPerMinute(), response);
        String idempotencyKey = IdempotencyKeys.parse(http.getHeader(IdempotencyKeys.HEADER));
        List<FieldError> errors = MessageValidator.validate(request.senderNumber(), request.messageBody());
        if (!errors.isEmpty()) {
            throw new InvalidMessageException(errors);
        }
        String messageId = UUID.randomUUID().toString();
        // Milliseconds: the precision the queue and the database keep.
        Instant queuedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String sealed = sealer.seal(messageId, new MessageContent(request.senderNumber(), request.messageBody()));
        QueuedMessage message = new QueuedMessage(messageId, client.clientId(), request.domain(), queuedAt, sealed);

        Enqueued enqueued;
        if (idempotencyKey == null) {
            enqueued = new Enqueued(messageId, queuedAt, queue.enqueue(message), false, null);
        } else {
            String requestHash = IdempotencyKeys.requestHash(request);
            enqueued = queue.enqueue(message, new IdempotencyKey(client.clientId(), idempotencyKey, requestHash,
                    IDEMPOTENCY_TTL));
            if (enqueued.replayed()) {
                if (!enqueued.requestHash().equals(requestHash)) {
                    throw new IdempotencyKeys.ReusedKeyException();
                }
                response.setHeader("Idempotent-Replayed", "true");
            }
        }
        if (!enqueued.replayed()) {
            metrics.enqueued();
        }
        Failpoints.crashIfActive(Failpoints.PROXY_AFTER_ENQUEUE_BEFORE_RESPONSE);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message_id", enqueued.messageId());
        body.put("status", "queued");
        body.put("client_id", client.clientId());
        body.put("queued_at", enqueued.queuedAt().toString());
        body.put("position", enqueued.depth());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }
}
