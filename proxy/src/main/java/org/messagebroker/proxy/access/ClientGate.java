package org.messagebroker.proxy.access;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Decides, per request, who the client is and whether it may send. Identity comes only from the
 * certificate the TLS handshake verified (our CA, within validity, extended key usage clientAuth); this
 * adds what the handshake cannot know: revocation and the client's standing in the server's records. Checked on every request, so a revocation reaches connections kept alive from before.
 * Headers such as {@code X-Client-Cert-CN} are never read.
 */
@Component
public class ClientGate {

    private final AccessRegistry registry;
    private final MeterRegistry meters;

    ClientGate(AccessRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.meters = meters;
        for (String result : List.of("valid", "missing", "revoked", "unknown_client", "inactive")) {
            meters.counter("proxy_certificate_validations_total", "result", result);
        }
    }

    /** The admitted client, or {@link Denied} saying why not. */
    public AdmittedClient admit(HttpServletRequest request) {
        if (!(request.getAttribute("jakarta.servlet.request.X509Certificate") instanceof X509Certificate[] chain)
                || chain.length == 0) {
            throw denied("missing", HttpStatus.UNAUTHORIZED, "Invalid or missing client certificate");
        }
        X509Certificate certificate = chain[0];
        AccessList access = registry.current();
        if (access == null) {
            throw new Denied(HttpStatus.SERVICE_UNAVAILABLE,
                    "The proxy has not yet received the list of clients from the server; retry shortly");
        }
        if (access.revokedSerials().contains(certificate.getSerialNumber().toString(16))) {
            throw denied("revoked", HttpStatus.FORBIDDEN, "The certificate has been revoked");
        }
        String clientId = commonName(certificate);
        AccessList.Client client = clientId == null ? null : access.clients().get(clientId);
        if (client == null) {
            throw denied("unknown_client", HttpStatus.FORBIDDEN, "The client is not registered");
        }
        if (!"active".equals(client.status())) {
            throw denied("inactive", HttpStatus.FORBIDDEN, "The client is " + client.status());
        }
        meters.counter("proxy_certificate_validations_total", "result", "valid").increment();
        return new AdmittedClient(clientId, client.rateLimitPerMinute());
    }

    private Denied denied(String result, HttpStatus status, String detail) {
        meters.counter("proxy_certificate_validations_total", "result", result).increment();
        return new Denied(status, detail);
    }

    private static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException malformed) {
            return null;
        }
        return null;
    }

    /** Whether the server's access list is being refreshed (for health). */
    public boolean serverReachable() {
        return registry.serverReachable();
    }

    /** A client that may send; {@code rateLimitPerMinute} null means the proxy's default. */
    public record AdmittedClient(String clientId, Integer rateLimitPerMinute) {
    }

    /** The request is refused: 401 without a certificate, 403 for a certificate or client not allowed. */
    public static class Denied extends RuntimeException {
        private final HttpStatus status;

        Denied(HttpStatus status, String detail) {
            super(detail);
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }
}
