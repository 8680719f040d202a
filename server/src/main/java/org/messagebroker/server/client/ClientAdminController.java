package org.messagebroker.server.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.audit.AuditEvent;
import org.messagebroker.server.audit.AuditLog;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Admin actions on client systems: their rate limit. */
@RestController
class ClientAdminController {

    private final ClientRegistry clients;
    private final AuditLog audit;
    ClientAdminController(ClientRegistry clients, AuditLog audit) {
        this.clients = clients;
        this.audit = audit;
    }

    @PutMapping("/admin/clients/{clientId}/rate-limit")
    @Transactional
    Map<String, Object> rateLimit(@PathVariable String clientId, @RequestBody RateLimitRequest request,
            @AuthenticationPrincipal Jwt admin, HttpServletRequest http) {
        Integer perMinute = request.perMinute();
        if (perMinute != null && (perMinute < 1 || perMinute > 1_000_000)) {
            throw new Rejection.Invalid("requests_per_minute must be 1 to 1000000, or null for the default");
        }
        if (!clients.setRateLimit(clientId, perMinute)) {
            throw new Rejection.NotFound("Client not found: " + clientId);
        }
        audit.record(new AuditEvent("client_rate_limit_changed", Long.parseLong(admin.getSubject()), clientId,
                http.getRemoteAddr(), AuditLog.data("requests_per_minute", perMinute), "info"));
        return perMinute == null ? Map.of("client_id", clientId)
                : Map.of("client_id", clientId, "requests_per_minute", perMinute);
    }

    record RateLimitRequest(@JsonProperty("requests_per_minute") Integer perMinute) {
    }
}
