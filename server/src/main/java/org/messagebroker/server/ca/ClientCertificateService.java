package org.messagebroker.server.ca;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.core.tls.Fingerprints;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.client.ClientIds;
import org.messagebroker.server.client.ClientRepository;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues client certificates. The subject always comes from the server's records ({@code CN=<client_id>,
 * O=MessageBroker, OU=<domain>}), never from a CSR, and no extension of a CSR is copied. Either the
 * client sends a CSR and keeps its key, or the key is generated here and handed out once (PEM and a
 * password-protected PKCS#12). Validity is capped by policy ({@code CLIENT_CERT_MAX_VALIDITY}); a
 * renewal supersedes the client's earlier certificates (revoked, reason superseded, in the next CRL).
 */
@Service
public class ClientCertificateService {

    private final CertificateAuthority ca;
    private final ClientRepository clients;
    private final CrlPublisher crl;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Counter issued;
    private final int maxValidityDays;

    ClientCertificateService(CertificateAuthority ca, ClientRepository clients, CrlPublisher crl, ApplicationEventPublisher events,
            Clock clock, MeterRegistry meters, ServerSettings.Ca settings) {
        Duration maxValidity = settings.clientCertificateMaxValidity();
        this.ca = ca;
        this.clients = clients;
        this.crl = crl;
        this.events = events;
        this.clock = clock;
        this.issued = meters.counter("main_server_certificates_issued_total");
        this.maxValidityDays = (int) maxValidity.toDays();
    }

    /** A new client and its first certificate; 409 if the client exists. */
    @Transactional
    public IssuedCertificate generate(Request request, Long adminId, String ip) {
        ClientIds.problem(request.clientId()).ifPresent(problem -> {
            throw badRequest(problem);
        });
        if (clients.exists(request.clientId())) {
            throw new Rejection.Conflict("Client " + request.clientId() + " already exists");
        }
        String domain = request.domain() == null || request.domain().isBlank() ? "default" : request.domain();
        Issued issued = issue(request, domain);
        clients.register(request.clientId(), domain, serial(issued.certificate()), Fingerprints.sha256(issued.certificate()),
                issued.certificate().getNotBefore().toInstant(), issued.certificate().getNotAfter().toInstant());
        return answer(false, request.clientId(), issued, adminId, ip);
    }

    /**
     * Another certificate for an existing, active client (the old one stays valid until it expires or is
     * revoked). {@code adminId} is null when the client renews its own over mutual TLS.
     */
    @Transactional
    public IssuedCertificate renew(Request request, Long adminId, String ip) {
        String status = clients.status(request.clientId())
                .orElseThrow(() -> new Rejection.NotFound("Client not found: "
                        + request.clientId()));
        if (!status.equals("active")) {
            throw new Rejection.Conflict("Client " + request.clientId() + " is " + status);
        }
        Issued issued = issue(request, clients.domain(request.clientId()).orElseThrow());
        String serial = serial(issued.certificate());
        clients.addCertificate(request.clientId(), serial, Fingerprints.sha256(issued.certificate()),
                issued.certificate().getNotBefore().toInstant(), issued.certificate().getNotAfter().toInstant());
        if (clients.supersede(request.clientId(), serial, clock.instant()) > 0) {
            crl.publish();
        }
        return answer(true, request.clientId(), issued, adminId, ip);
    }

    private Issued issue(Request request, String domain) {
        int days = request.validityDays() == null ? Math.min(365, maxValidityDays) : request.validityDays();
        if (days < 1 || days > maxValidityDays) {
            throw badRequest("validity_days must be 1 to " + maxValidityDays);
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

    private IssuedCertificate answer(boolean renewal, String clientId, Issued issued, Long adminId, String ip) {
        X509Certificate certificate = issued.certificate();
        String fingerprint = Fingerprints.sha256(certificate);
        this.issued.increment();
        events.publishEvent(new CertificateEvents.ClientIssued(clientId, renewal, adminId, ip,
                certificate.getSerialNumber(), fingerprint, certificate.getNotAfter().toInstant(), issued.key() != null));
        String key = null;
        String pkcs12 = null;
        String password = null;
        if (issued.key() != null) {
            key = PemFiles.pem("PRIVATE KEY", issued.key().getEncoded());
            password = Pkcs12.randomPassword();
            pkcs12 = Pkcs12.bundle(clientId, issued.key(), certificate, ca.certificate(), password);
        }
        return new IssuedCertificate(clientId, PemFiles.pem(certificate), key, pkcs12, password, fingerprint,
                certificate.getNotAfter().toInstant().toString(), PemFiles.pem(ca.certificate()));
    }

    private static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    private static Rejection badRequest(String detail) {
        return new Rejection.Invalid(detail);
    }


    /** What to issue: {@code csr} null means generate the key here. */
    public record Request(String clientId, String domain, Integer validityDays, String csr) {
    }

    private record Issued(X509Certificate certificate, PrivateKey key) {
    }
}
