package org.messagebroker.server.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.message.MessageValidator;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.seal.EnvelopeSealer;
import org.messagebroker.server.audit.AuditEvent;
import org.messagebroker.server.audit.AuditLog;
import org.messagebroker.server.client.ClientRegistry;
import org.messagebroker.server.user.UserAccount;
import org.messagebroker.server.user.UserRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /portal/messages}: a logged-in user sends a message as their client (an admin names the
 * client), through the same validation, sealing, queue and storage as a client system's.
 */
@RestController
class PortalSendController {

    private final UserRepository users;
    private final ClientRegistry clients;
    private final EnvelopeSealer sealer;
    private final MessageQueue queue;
    private final AuditLog audit;
    private final Clock clock;

    PortalSendController(UserRepository users, ClientRegistry clients, EnvelopeSealer sealer, MessageQueue queue,
            AuditLog audit, Clock clock) {
        this.users = users;
        this.clients = clients;
        this.sealer = sealer;
        this.queue = queue;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/portal/messages")
    ResponseEntity<Map<String, Object>> send(@RequestBody SendRequest request, @AuthenticationPrincipal Jwt token,
            HttpServletRequest http) {
        UserAccount user = users.findById(Long.parseLong(token.getSubject())).orElseThrow();
        String clientId = user.isAdmin() && request.clientId() != null ? request.clientId() : user.clientId();
        if (clientId == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your account has no client to send as");
        }
        if (!"active".equals(clients.status(clientId).orElse(null))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The client " + clientId + " may not send");
        }
        var errors = MessageValidator.validate(request.senderNumber(), request.messageBody());
        if (!errors.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    errors.getFirst().field() + " " + errors.getFirst().reason());
        }
        String messageId = UUID.randomUUID().toString();
        Instant queuedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String domain = request.domain() == null || request.domain().isBlank() ? "default" : request.domain();
        long position = queue.enqueue(new QueuedMessage(messageId, clientId, domain, queuedAt,
                sealer.seal(messageId, new MessageContent(request.senderNumber(), request.messageBody()))));
        audit.record(new AuditEvent("message_sent_from_portal", user.id(), clientId, http.getRemoteAddr(),
                AuditLog.data("message_id", messageId), "info"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message_id", messageId);
        body.put("status", "queued");
        body.put("client_id", clientId);
        body.put("queued_at", queuedAt.toString());
        body.put("position", position);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    record SendRequest(@JsonProperty("sender_number") String senderNumber,
            @JsonProperty("message_body") String messageBody, @JsonProperty("domain") String domain,
            @JsonProperty("client_id") String clientId) {
    }
}
