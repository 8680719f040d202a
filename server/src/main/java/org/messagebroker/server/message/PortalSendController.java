package org.messagebroker.server.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.core.intake.Accepted;
import org.messagebroker.core.intake.MessageIntake;
import org.messagebroker.core.intake.Origin;
import org.messagebroker.core.intake.Submission;
import org.messagebroker.server.client.ClientRepository;
import org.messagebroker.server.client.ClientRepository.ClientAccess;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.user.UserAccount;
import org.messagebroker.server.user.UserRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /portal/messages}: a logged-in user sends a message as their client (an admin names the
 * client), through the same intake as a client system's: validation, sealing, the client's one rate-limit
 * bucket (shared with its certificate's requests at every proxy), queue, storage.
 */
@RestController
class PortalSendController {

    private final UserRepository users;
    private final ClientRepository clients;
    private final MessageIntake intake;
    private final ApplicationEventPublisher events;
    private final int defaultRatePerMinute;

    PortalSendController(UserRepository users, ClientRepository clients, MessageIntake intake, ApplicationEventPublisher events,
            ServerSettings settings) {
        int defaultRatePerMinute = settings.rateLimitPerMinute();
        this.users = users;
        this.clients = clients;
        this.intake = intake;
        this.events = events;
        this.defaultRatePerMinute = defaultRatePerMinute;
    }

    @PostMapping("/portal/messages")
    ResponseEntity<Map<String, Object>> send(@RequestBody SendRequest request, @AuthenticationPrincipal UserAccount user,
            HttpServletRequest http) {
        String clientId = user.isAdmin() && request.clientId() != null ? request.clientId() : user.clientId();
        if (clientId == null) {
            throw new Rejection.Forbidden("Your account has no client to send as");
        }
        ClientAccess standing = clients.standing(clientId).orElse(null);
        if (standing == null || !"active".equals(standing.status())) {
            throw new Rejection.Forbidden("The client " + clientId + " may not send");
        }
        int ratePerMinute = standing.rateLimitPerMinute() == null ? defaultRatePerMinute : standing.rateLimitPerMinute();
        Accepted accepted = intake.accept(new Submission(new Origin(clientId, null, ratePerMinute),
                request.senderNumber(), request.messageBody(), request.domain(),
                http.getHeader(MessageIntake.IDEMPOTENCY_HEADER)));
        events.publishEvent(new MessageEvents.SentFromPortal(user.id(), clientId, http.getRemoteAddr(),
                accepted.messageId()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED);
        accepted.rateHeaders().forEach(response::header);
        return response.body(accepted.body());
    }

    record SendRequest(@JsonProperty("sender_number") String senderNumber,
            @JsonProperty("message_body") String messageBody, @JsonProperty("domain") String domain,
            @JsonProperty("client_id") String clientId) {
    }
}
