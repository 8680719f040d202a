package org.messagebroker.server.ca;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.audit.AuditEvent;
import org.messagebroker.server.audit.AuditLog;
import org.messagebroker.server.client.ClientRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revokes a client and its certificates: records reason and time, publishes a new CRL, and the proxies
 * refuse the client at their next access-list refresh (seconds).
 */
@Service
class RevocationService {

    private final ClientRegistry clients;
    private final CrlPublisher crl;
    private final AuditLog audit;
    private final Clock clock;
    private final Counter revoked;

    RevocationService(ClientRegistry clients, CrlPublisher crl, AuditLog audit, Clock clock, MeterRegistry meters) {
        this.clients = clients;
        this.crl = crl;
        this.audit = audit;
        this.clock = clock;
        this.revoked = meters.counter("main_server_certificates_revoked_total");
    }

    @Transactional
    Instant revoke(String clientId, String reason, String reasonCode, long adminId, String ip) {
        if (clientId == null || reason == null || reason.isBlank()) {
            throw new Rejection.Invalid("client_id and reason are required");
        }
        RevocationReason code = RevocationReason.named(reasonCode).orElseThrow(() -> new Rejection.Invalid("reason_code must be one of " + Arrays.toString(RevocationReason.values())));
        if (!clients.exists(clientId)) {
            throw new Rejection.NotFound("Client not found: " + clientId);
        }
        Instant now = clock.instant();
        if (!clients.revoke(clientId, reason, code.name(), now)) {
            throw new Rejection.Conflict("Certificate already revoked for " + clientId);
        }
        revoked.increment();
        audit.record(new AuditEvent("certificate_revoked", adminId, clientId, ip, AuditLog.data("reason", reason,
                "reason_code", code.name()), "warning"));
        crl.publish();
        return now;
    }
}
