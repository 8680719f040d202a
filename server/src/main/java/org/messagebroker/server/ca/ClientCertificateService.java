package org.messagebroker.server.ca;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.audit.AuditEvent;
import org.messagebroker.server.audit.AuditLog;
import org.messagebroker.server.client.ClientRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Issues client certificates. The subject always comes from the server's records ({@code CN=<client_id>,
 * O=MessageBroker, OU=<domain>}), never from a CSR. Either the client sends a CSR and keeps its key, or
 * the key is generated here and handed out once (PEM and a password-protected PKCS#12).
 */
@Service
public class ClientCertificateService {

    /** Client ids become a certificate CN and a path segment: keep them plain. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final CertificateAuthority ca;
    private final ClientRegistry clients;
    private final AuditLog audit;
    private final Clock clock;
    private final Counter issued;

    ClientCertificateService(CertificateAuthority ca, ClientRegistry clients, AuditLog audit, Clock clock,
            MeterRegistry meters) {
        this.ca = ca;
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
        this.issued = meters.counter("main_server_certificates_issued_total");
    }

    /** A new client and its first certificate; 409 if the client exists. */
    @Transactional
    public IssuedCertificate generate(Request request, Long adminId, String ip) {
        if (request.clientId() == null || !CLIENT_ID.matcher(request.clientId()).matches()) {
            throw badRequest("client_id must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (clients.exists(request.clientId())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Client " + request.clientId() + " already exists");
        }
        String domain = request.domain() == null || request.domain().isBlank() ? "default" : request.domain();
        Issued issued = issue(request, domain);
        clients.register(request.clientId(), domain, serial(issued.certificate()), Fingerprints.sha256(issued.certificate()),
                issued.certificate().getNotBefore().toInstant(), issued.certificate().getNotAfter().toInstant());
        return answer("certificate_generated", request.clientId(), issued, adminId, ip);
    }

    /**
     * Another certificate for an existing, active client (the old one stays valid until it expires or is
     * revoked). {@code adminId} is null when the client renews its own over mutual TLS.
     */
    @Transactional
    public IssuedCertificate renew(Request request, Long adminId, String ip) {
        String status = clients.status(request.clientId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Client not found: "
                        + request.clientId()));
        if (!status.equals("active")) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Client " + request.clientId() + " is " + status);
        }
        Issued issued = issue(request, clients.domain(request.clientId()).orElseThrow());
        clients.addCertificate(request.clientId(), serial(issued.certificate()), Fingerprints.sha256(issued.certificate()),
                issued.certificate().getNotBefore().toInstant(), issued.certificate().getNotAfter().toInstant());
        return answer("certificate_renewed", request.clientId(), issued, adminId, ip);
    }

    private Issued issue(Request request, String domain) {
        int days = request.validityDays() == null ? 365 : request.validityDays();
        if (days < 1 || days > 3650) {
            throw badRequest("validity_days must be 1 to 3650");
        }
        PrivateKey generatedKey = null;
        PublicKey publicKey;
        if (request.csr() != null && !request.csr().isBlank()) {
            publicKey = Csrs.publicKey(request.csr());
        } else {
            KeyPair pair = CertificateAuthority.newLeafKeyPair();
            publicKey = pair.getPublic();
            generatedKey = pair.getPrivate();
        }
        String subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, request.clientId())
                .addRDN(BCStyle.O, "MessageBroker").addRDN(BCStyle.OU, domain).build().toString();
        X509Certificate certificate = ca.issue(subject, publicKey, clock.instant(), Duration.ofDays(days),
                List.of(KeyPurposeId.id_kp_clientAuth), List.of(), List.of());
        return new Issued(certificate, generatedKey);
    }

    private IssuedCertificate answer(String event, String clientId, Issued issued, Long adminId, String ip) {
        X509Certificate certificate = issued.certificate();
        String fingerprint = Fingerprints.sha256(certificate);
        this.issued.increment();
        audit.record(new AuditEvent(event, adminId, clientId, ip, AuditLog.data("serial", serial(certificate),
                "fingerprint", fingerprint, "expires_at", certificate.getNotAfter().toInstant().toString(),
                "key", issued.key() == null ? "csr" : "generated"), "info"));
        String key = null;
        String pkcs12 = null;
        String password = null;
        if (issued.key() != null) {
            key = PemFiles.pem("PRIVATE KEY", issued.key().getEncoded());
            password = Pkcs12.randomPassword();
            pkcs12 = Pkcs12.bundle(clientId, issued.key(), certificate, ca.certificate(), password);
        }
        return new IssuedCertificate(clientId, pem(certificate), key, pkcs12, password, fingerprint,
                certificate.getNotAfter().toInstant().toString(), pem(ca.certificate()));
    }

    private static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    private static String pem(X509Certificate certificate) {
        try {
            return PemFiles.pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What to issue: {@code csr} null means generate the key here. */
    public record Request(String clientId, String domain, Integer validityDays, String csr) {
    }

    private record Issued(X509Certificate certificate, PrivateKey key) {
    }
}
