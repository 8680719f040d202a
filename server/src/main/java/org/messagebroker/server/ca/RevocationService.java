package org.messagebroker.server.ca;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.client.ClientRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revokes a client and its certificates: records reason and time, publishes a new CRL, and the proxies
 * refuse the client at their next access-list refresh (seconds).
 */
@Service
class RevocationService {

    private final ClientRepository clients;
    private final CrlPublisher crl;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Counter revoked;

    RevocationService(ClientRepository clients, CrlPublisher crl, ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
        this.clients = clients;
        this.crl = crl;
        this.events = events;
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
        events.publishEvent(new CertificateEvents.Revoked(clientId, adminId, ip, reason, code));
        crl.publish();
        return now;
    }
}
