package org.messagebroker.server.ca;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Renews the components' certificates kept in the data directory ({@code tls/server.crt}, {@code proxy},
 * {@code worker}, {@code portal}: all of them when the roles share one directory, as {@code broker run all}
 * does) once two thirds of their lifetime have passed: the same name, host names, addresses and role, a
 * new key, the same lifetime. The files are replaced atomically (key first); the roles' TLS reloads them.
 */
@Component
class ComponentCertificateRenewer {

    private static final Logger log = LoggerFactory.getLogger(ComponentCertificateRenewer.class);
    private static final List<String> COMPONENTS = List.of("server", "proxy", "worker", "portal");
    private static final double LIFETIME_SHARE = 2.0 / 3;

    private final CertificateAuthority ca;
    private final Path tls;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ComponentCertificateRenewer(CertificateAuthority ca, ServerSettings settings, Clock clock,
            ApplicationEventPublisher events) {
        this.ca = ca;
        this.tls = settings.dataDir().resolve("tls");
        this.clock = clock;
        this.events = events;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${broker.ca.component-renewal-check:1h}")
    void renewWhatIsDue() {
        for (String component : COMPONENTS) {
            Path file = tls.resolve(component + ".crt");
            if (Files.isRegularFile(file)) {
                try {
                    renewIfDue(component, file);
                } catch (RuntimeException e) {
                    log.warn("Could not renew the {} certificate {}: {}", component, file, e.getMessage());
                }
            }
        }
    }

    /** Answers the new certificate, or null when {@code file}'s is not due yet or is not this CA's. */
    X509Certificate renewIfDue(String component, Path file) {
        X509Certificate current = PemFiles.readCertificate(file);
        // Counted from its issue: this CA dates notBefore back for clocks running behind, which would make a
        // certificate of minutes look due at once.
        Instant issued = current.getNotBefore().toInstant().plus(CertificateAuthority.BACKDATED);
        Duration lifetime = Duration.between(issued, current.getNotAfter().toInstant());
        Instant now = clock.instant();
        if (now.isBefore(issued.plusMillis((long) (lifetime.toMillis() * LIFETIME_SHARE))) || !issuedHere(current)) {
            return null;
        }
        ComponentRole role = ComponentRole.of(current).orElseThrow(
                () -> new IllegalStateException("it carries no component role; issue it again with the admin API"));
        KeyPair pair = CertificateAuthority.newLeafKeyPair();
        // The subject as BouncyCastle writes it keeps the order of its parts (RFC 2253's string reverses them).
        String subject = X500Name.getInstance(current.getSubjectX500Principal().getEncoded()).toString();
        X509Certificate renewed = ca.issueComponent(role, subject, pair.getPublic(), now, lifetime, names(current, 2),
                names(current, 7));
        PemFiles.writeOwnerOnly(tls.resolve(component + ".key"), PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        PemFiles.writePublic(file, ca.chainPem(renewed));
        log.info("Renewed the {} certificate {}: serial {}, valid until {}", component, file,
                renewed.getSerialNumber().toString(16), renewed.getNotAfter().toInstant());
        events.publishEvent(new CertificateEvents.ComponentRenewed(component, current.getSerialNumber(),
                renewed.getSerialNumber(), renewed.getNotAfter().toInstant()));
        return renewed;
    }

    private boolean issuedHere(X509Certificate certificate) {
        try {
            certificate.verify(ca.certificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException notOurs) {
            return false;
        }
    }

    /** The subject alternative names of one type: 2 DNS names, 7 IP addresses (RFC 5280). */
    private static List<String> names(X509Certificate certificate, int type) {
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            List<String> names = new ArrayList<>();
            if (all != null) {
                all.stream().filter(name -> (Integer) name.get(0) == type).forEach(name -> names.add((String) name.get(1)));
            }
            return names;
        } catch (CertificateParsingException e) {
            throw new IllegalStateException(e);
        }
    }

}
