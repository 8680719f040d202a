package org.messagebroker.proxy.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.intake.Origin;
import org.messagebroker.proxy.ProxySettings;
import org.messagebroker.proxy.http.ClientCertificate;

/** Who may send is decided from the certificate and the server's list, every request. */
class ClientGateTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private AccessList list = new AccessList(Map.of("acme", new AccessList.Client("active", 500),
            "paused", new AccessList.Client("revoked", null)), Set.of("dead"));
    private final ClientGate gate = new ClientGate(AccessSource.of(() -> list), meters,
            new ProxySettings(null, null, null, 100));

    @Test
    void theCommonNameOfAnActiveRegisteredClientIsTheIdentityWithItsOwnRateLimit() throws Exception {
        assertThat(gate.admit(certificate("CN=acme, O=Example", 0xabc))).isEqualTo(new Origin("acme", "abc", 500));
        assertThat(meters.counter("proxy_certificate_validations_total", "result", "valid").count()).isEqualTo(1);
        list = new AccessList(Map.of("acme", new AccessList.Client("active", null)), Set.of());
        assertThat(gate.admit(certificate("CN=acme", 0xabd)).ratePerMinute()).as("the default").isEqualTo(100);
    }

    @Test
    void eachRefusalSaysWhyWithItsStatus() throws Exception {
        assertRefused(null, 401, "missing");
        assertRefused(certificate("CN=acme", 0xdead), 403, "revoked");
        assertRefused(certificate("CN=stranger", 1), 403, "unknown_client");
        assertRefused(certificate("O=no common name", 2), 403, "unknown_client");
        assertRefused(certificate("CN=paused", 3), 403, "inactive");
    }

    @Test
    void beforeTheFirstListArrivesNobodyIsAdmitted() throws Exception {
        list = null;
        assertThatThrownBy(() -> gate.admit(certificate("CN=acme", 4)))
                .isInstanceOfSatisfying(ClientGate.Denied.class, d -> assertThat(d.status()).isEqualTo(503));
    }

    private void assertRefused(ClientCertificate certificate, int status, String result) {
        double before = meters.counter("proxy_certificate_validations_total", "result", result).count();
        assertThatThrownBy(() -> gate.admit(certificate))
                .isInstanceOfSatisfying(ClientGate.Denied.class, d -> assertThat(d.status()).isEqualTo(status));
        assertThat(meters.counter("proxy_certificate_validations_total", "result", result).count()).isEqualTo(before + 1);
    }

    private static ClientCertificate certificate(String subject, long serial) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Instant now = Instant.now();
        return ClientCertificate.of(new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(new X500Name(subject),
                BigInteger.valueOf(serial), Date.from(now), Date.from(now.plusSeconds(60)), new X500Name(subject),
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))));
    }
}
