package org.messagebroker.server.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.messagebroker.core.errors.Rejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Admin actions on client systems: their rate limit. */
@RestController
class ClientAdminController {

    private final ClientRepository clients;
    private final ApplicationEventPublisher events;
    ClientAdminController(ClientRepository clients, ApplicationEventPublisher events) {
        this.clients = clients;
        this.events = events;
    }

    @PutMapping("/admin/clients/{clientId}/rate-limit")
    @Transactional
    Map<String, Object> rateLimit(@PathVariable String clientId, @RequestBody RateLimitRequest request,
            @AuthenticationPrincipal(expression = "id") long adminId, HttpServletRequest http) {
        Integer perMinute = request.perMinute();
        if (perMinute != null && (perMinute < 1 || perMinute > 1_000_000)) {
            throw new Rejection.Invalid("requests_per_minute must be 1 to 1000000, or null for the default");
        }
        if (!clients.setRateLimit(clientId, perMinute)) {
            throw new Rejection.NotFound("Client not found: " + clientId);
        }
        events.publishEvent(new RateLimitChanged(clientId, adminId, http.getRemoteAddr(), perMinute));
        return perMinute == null ? Map.of("client_id", clientId)
                : Map.of("client_id", clientId, "requests_per_minute", perMinute);
    }

    record RateLimitRequest(@JsonProperty("requests_per_minute") Integer perMinute) {
    }
}
