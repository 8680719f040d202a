package org.messagebroker.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateAuthorityTest {

    private static X509Certificate issue(CertificateAuthority ca) {
        return ca.issue("CN=client, O=MessageBroker, OU=default", CertificateAuthority.newLeafKeyPair().getPublic(),
                Instant.now(), Duration.ofDays(1), List.of(KeyPurposeId.id_kp_clientAuth), List.of(), List.of());
    }

    @ParameterizedTest
    @EnumSource(CertificateAuthority.KeyType.class)
    void everyKeyTypeMakesACaWhoseCertificatesVerify(CertificateAuthority.KeyType type) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Instant.now(), type);
        assertThat(ca.certificate().getSubjectX500Principal().getName().split(","))
                .containsExactlyInAnyOrder("CN=MessageBrokerCA", "O=MessageBroker");
        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        X509Certificate leaf = issue(ca);
        leaf.verify(ca.certificate().getPublicKey());
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void serialsAreRandomPositiveAndUniqueOverAThousandIssues() {
        CertificateAuthority ca = CertificateAuthority.create(Instant.now(), CertificateAuthority.KeyType.ecp256);
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            BigInteger serial = issue(ca).getSerialNumber();
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isGreaterThanOrEqualTo(64);
            serials.add(serial);
        }
        assertThat(serials).hasSize(1000);
    }

    @Test
    void theCaKeyIsEncryptedAtRestAndOnlyTheRightPassphraseOpensIt(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Instant.now(), CertificateAuthority.KeyType.ecp256);
        new CaKeyFile(dir, "correct horse battery staple").write(ca.key());
        assertThat(Files.readString(dir.resolve("ca/ca.key"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(new CaKeyFile(dir, "correct horse battery staple").read()).isEqualTo(ca.key());
        assertThatThrownBy(() -> new CaKeyFile(dir, "wrong").read()).hasMessageContaining("wrong passphrase");

        CaKeyFile generated = new CaKeyFile(dir.resolve("other"), null);
        generated.write(ca.key());
        assertThat(Files.exists(dir.resolve("other/secrets/ca-passphrase"))).isTrue();
        assertThat(generated.read()).isEqualTo(ca.key());
    }
}
