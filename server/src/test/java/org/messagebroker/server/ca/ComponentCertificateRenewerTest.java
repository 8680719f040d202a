package org.messagebroker.server.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.settings.ServerSettings;

/** The server renews the components' certificates of its data directory at two thirds of their lifetime. */
class ComponentCertificateRenewerTest {

    final Instant issuedAt = Instant.parse("2026-11-01T00:00:00Z");
    final MutableClock clock = new MutableClock(issuedAt);
    final List<Object> published = new ArrayList<>();
    final CertificateAuthority ca = CertificateAuthority.create(issuedAt.minus(Duration.ofDays(1)),
            CertificateAuthority.KeyType.ecp256);
    @TempDir
    Path dataDir;
    ComponentCertificateRenewer renewer;

    @BeforeEach
    void setUp() throws Exception {
        issue("server", ComponentRole.forName("server").orElseThrow(), Duration.ofDays(3));
        issue("proxy", ComponentRole.forName("proxy").orElseThrow(), Duration.ofDays(30));
        renewer = new ComponentCertificateRenewer(ca, new ServerSettings(dataDir, null, null, null, null, null, null,
                null, null, null, null, null, null, 100), clock, published::add);
    }

    private void issue(String component, ComponentRole role, Duration lifetime) throws Exception {
        KeyPair pair = CertificateAuthority.newLeafKeyPair();
        X509Certificate certificate = ca.issueComponent(role, "CN=" + component + ", O=MessageBroker", pair.getPublic(),
                issuedAt, lifetime, List.of("localhost", "broker.example.com"), List.of("127.0.0.1", "::1"));
        PemFiles.writeOwnerOnly(dataDir.resolve("tls/" + component + ".key"),
                PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        PemFiles.writePublic(dataDir.resolve("tls/" + component + ".crt"),
                PemFiles.pem("CERTIFICATE", certificate.getEncoded()) + PemFiles.pem("CERTIFICATE", ca.certificate().getEncoded()));
    }

    private X509Certificate certificate(String component) {
        return PemFiles.readCertificate(dataDir.resolve("tls/" + component + ".crt"));
    }

    @Test
    void nothingIsRenewedBeforeTwoThirdsOfTheLifetime() {
        X509Certificate before = certificate("server");
        clock.advance(Duration.ofDays(1));

        renewer.renewWhatIsDue();

        assertThat(certificate("server").getSerialNumber()).isEqualTo(before.getSerialNumber());
        assertThat(published).isEmpty();
    }

    @Test
    void aDueCertificateIsRenewedWithItsNamesRoleAndLifetimeAndOnlyThatOne() throws Exception {
        X509Certificate before = certificate("server");
        String oldKey = Files.readString(dataDir.resolve("tls/server.key"));
        X509Certificate proxy = certificate("proxy");
        clock.advance(Duration.ofDays(2).plusHours(1));

        renewer.renewWhatIsDue();

        X509Certificate renewed = certificate("server");
        assertThat(renewed.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
        assertThat(renewed.getSubjectX500Principal()).isEqualTo(before.getSubjectX500Principal());
        assertThat(renewed.getSubjectAlternativeNames()).containsExactlyElementsOf(before.getSubjectAlternativeNames());
        assertThat(ComponentRole.of(renewed)).isEqualTo(ComponentRole.forName("server"));
        assertThat(renewed.getExtendedKeyUsage()).isEqualTo(before.getExtendedKeyUsage());
        assertThat(Duration.between(renewed.getNotBefore().toInstant(), renewed.getNotAfter().toInstant()))
                .as("the same lifetime").isEqualTo(Duration.between(before.getNotBefore().toInstant(),
                        before.getNotAfter().toInstant()));
        assertThat(renewed.getNotAfter().toInstant()).isEqualTo(clock.instant().plus(Duration.ofDays(3)));
        renewed.verify(ca.certificate().getPublicKey());
        assertThat(Files.readString(dataDir.resolve("tls/server.key"))).isNotEqualTo(oldKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tls/server.key"))))
                .isEqualTo("rw-------");
        assertThat(PemFiles.readPrivateKey(dataDir.resolve("tls/server.key"))).isNotNull();
        assertThat(certificate("proxy").getSerialNumber()).as("not due yet").isEqualTo(proxy.getSerialNumber());
        assertThat(published).singleElement().isInstanceOfSatisfying(CertificateEvents.ComponentRenewed.class,
                event -> assertThat(event.serial()).isEqualTo(renewed.getSerialNumber()));

        renewer.renewWhatIsDue();
        assertThat(certificate("server").getSerialNumber()).as("the renewed one is not due").isEqualTo(renewed.getSerialNumber());
    }

    @Test
    void aCertificateFromAnotherAuthorityIsLeftAlone() throws Exception {
        CertificateAuthority other = CertificateAuthority.create(issuedAt, CertificateAuthority.KeyType.ecp256);
        KeyPair pair = CertificateAuthority.newLeafKeyPair();
        X509Certificate foreign = other.issueComponent(ComponentRole.forName("worker").orElseThrow(), "CN=worker",
                pair.getPublic(), issuedAt, Duration.ofDays(3), List.of("localhost"), List.of());
        PemFiles.writePublic(dataDir.resolve("tls/worker.crt"), PemFiles.pem("CERTIFICATE", foreign.getEncoded()));
        clock.advance(Duration.ofDays(3));

        renewer.renewWhatIsDue();

        assertThat(certificate("worker").getSerialNumber()).isEqualTo(foreign.getSerialNumber());
    }
}
