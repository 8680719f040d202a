package org.messagebroker.server.client;

import java.time.Clock;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/clients/access} on the mTLS connector: what the proxies check every request
 * against (client status, rate limit, revoked serials). They poll it every few seconds, so revocation
 * and deactivation take effect without a restart.
 */
@RestController
class InternalClientAccessController {

    private final ClientRepository clients;
    private final Clock clock;

    InternalClientAccessController(ClientRepository clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @GetMapping("/internal/clients/access")
    Map<String, Object> access() {
        return Map.of("clients", clients.access(), "revoked_serials", clients.revokedSerials(clock.instant()),
                "generated_at", clock.instant().toString());
    }
}
