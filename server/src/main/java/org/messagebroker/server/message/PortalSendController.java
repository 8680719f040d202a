package org.messagebroker.server.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.messagebroker.core.intake.Accepted;
import org.messagebroker.core.intake.MessageIntake;
import org.messagebroker.core.intake.Submission;
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
 * client), through the same intake as a client system's: validation, sealing, queue, storage.
 */
@RestController
class PortalSendController {

    private final UserRepository users;
    private final ClientRegistry clients;
    private final MessageIntake intake;
    private final AuditLog audit;

    PortalSendController(UserRepository users, ClientRegistry clients, MessageIntake intake, AuditLog audit) {
        this.users = users;
        this.clients = clients;
        this.intake = intake;
        this.audit = audit;
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
        Accepted accepted = intake.accept(new Submission(clientId, request.senderNumber(), request.messageBody(),
                request.domain(), http.getHeader(MessageIntake.IDEMPOTENCY_HEADER)));
        audit.record(new AuditEvent("message_sent_from_portal", user.id(), clientId, http.getRemoteAddr(),
                AuditLog.data("message_id", accepted.messageId()), "info"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted.body());
    }

    record SendRequest(@JsonProperty("sender_number") String senderNumber,
            @JsonProperty("message_body") String messageBody, @JsonProperty("domain") String domain,
            @JsonProperty("client_id") String clientId) {
    }
}
