package org.messagebroker.server.ca;

import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.messagebroker.server.client.ClientRepository;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The CA's certificate revocation list: every revoked certificate not yet expired, signed by the CA,
 * with a CRL number (the issue time in milliseconds, so it only grows) and a next update. Rebuilt on
 * every revocation and before the previous one goes stale.
 */
@Component
public class CrlPublisher {

    private final CertificateAuthority ca;
    private final ClientRepository clients;
    private final Clock clock;
    private final Duration validity;
    private volatile X509CRL current;

    CrlPublisher(CertificateAuthority ca, ClientRepository clients, Clock clock, ServerSettings.Ca settings) {
        Duration validity = settings.crlValidity();
        this.ca = ca;
        this.clients = clients;
        this.clock = clock;
        this.validity = validity;
    }

    public X509CRL current() {
        X509CRL crl = current;
        return crl != null ? crl : publish();
    }

    /** Builds and signs a fresh CRL from the records. */
    @Scheduled(fixedDelayString = "${broker.ca.crl-refresh-interval:1h}")
    public synchronized X509CRL publish() {
        Instant now = clock.instant();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                org.bouncycastle.asn1.x500.X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(validity)));
        List<ClientRepository.RevokedCertificate> revoked = clients.revokedCertificates(now);
        for (ClientRepository.RevokedCertificate certificate : revoked) {
            builder.addCRLEntry(new BigInteger(certificate.serial(), 16), Date.from(certificate.revokedAt()),
                    RevocationReason.named(certificate.code()).orElse(RevocationReason.unspecified).crlCode());
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            current = new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder(CertificateAuthority.signatureAlgorithm(ca.key())).build(ca.key())));
            return current;
        } catch (java.security.GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the CRL", e);
        }
    }

    public byte[] der() {
        try {
            return current().getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }
}
