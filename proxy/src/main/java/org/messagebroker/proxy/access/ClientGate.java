package org.messagebroker.proxy.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.messagebroker.core.intake.Origin;
import org.messagebroker.proxy.ProxySettings;
import org.messagebroker.proxy.http.ClientCertificate;
import org.messagebroker.proxy.http.ProxyException;
import org.springframework.stereotype.Component;

/**
 * Decides, per request, who the client is and whether it may send. Identity comes only from the
 * certificate the TLS handshake verified (our CA, within validity, extended key usage clientAuth); this
 * adds what the handshake cannot know: revocation and the client's standing in the server's records.
 * Checked on every request, so a revocation reaches connections kept alive from before.
 * Headers such as {@code X-Client-Cert-CN} are never read.
 */
@Component
public class ClientGate {

    private final AccessSource registry;
    private final MeterRegistry meters;
    private final int defaultRatePerMinute;
    private final Counter valid;

    ClientGate(AccessSource registry, MeterRegistry meters, ProxySettings settings) {
        this.registry = registry;
        this.meters = meters;
        this.defaultRatePerMinute = settings.rateLimitPerMinute();
        this.valid = meters.counter("proxy_certificate_validations_total", "result", "valid");
        for (String refusal : List.of("missing", "revoked", "unknown_client", "inactive")) {
            meters.counter("proxy_certificate_validations_total", "result", refusal);
        }
    }

    /**
     * The admitted client, with its certificate's serial and its rate limit (its own, or the default), or
     * {@link Denied} saying why not.
     */
    public Origin admit(@Nullable ClientCertificate certificate) {
        if (certificate == null) {
            throw denied("missing", 401, "Invalid or missing client certificate");
        }
        AccessList access = registry.current();
        if (access == null) {
            throw new Denied(503,
                    "The proxy has not yet received the list of clients from the server; retry shortly");
        }
        String serial = certificate.serial();
        if (access.revokedSerials().contains(serial)) {
            throw denied("revoked", 403, "The certificate has been revoked");
        }
        String clientId = certificate.commonName();
        AccessList.Client client = clientId == null ? null : access.clients().get(clientId);
        if (client == null) {
            throw denied("unknown_client", 403, "The client is not registered");
        }
        if (!"active".equals(client.status())) {
            throw denied("inactive", 403, "The client is " + client.status());
        }
        valid.increment();
        return new Origin(clientId, serial, client.rateLimitPerMinute() == null ? defaultRatePerMinute
                : client.rateLimitPerMinute());
    }

    private Denied denied(String result, int status, String detail) {
        meters.counter("proxy_certificate_validations_total", "result", result).increment();
        return new Denied(status, detail);
    }

    /** Whether the server's access list is being refreshed (for health). */
    public boolean serverReachable() {
        return registry.serverReachable();
    }

    /** The request is refused: 401 without a certificate, 403 for a certificate or client not allowed. */
    public static class Denied extends ProxyException {
        Denied(int status, String detail) {
            super(status, detail);
        }
    }
}
