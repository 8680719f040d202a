package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.postJson;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.bouncycastle.asn1.x500.X500Name;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.ca.CertificateAuthority;
import org.messagebroker.server.ca.ComponentRole;
import org.messagebroker.systemtests.harness.PresentedCertificate;
import org.messagebroker.systemtests.harness.RunningBroker;

/** A component certificate rotated on disk is presented to new connections on every port, without a restart. */
class CertificateRotationTest {

    @TempDir
    Path dir;

    @Test
    void everyComponentPicksUpItsRotatedCertificateOnEveryPort() throws Exception {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY, Role.PORTAL),
                Map.of("TLS_RELOAD_QUIET_PERIOD", "200ms"))) {
            Map<String, List<URI>> ports = Map.of("proxy", List.of(broker.proxy("/")),
                    "server", List.of(broker.server("/"), broker.internal("/")), "portal", List.of(broker.portal("/")));
            for (Map.Entry<String, List<URI>> component : ports.entrySet()) {
                BigInteger fresh = broker.rotateComponentCertificate(broker.adminToken(), component.getKey());
                for (URI port : component.getValue()) {
                    Awaitility.await(component.getKey() + " on port " + port.getPort()).atMost(Duration.ofSeconds(20))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> PresentedCertificate.serial(dir, port).equals(fresh));
                }
            }
            assertThat(send(broker.client("demo-client"), postJson(broker.proxy("/api/v1/messages"),
                    "{\"sender_number\":\"+4915200000000\",\"message_body\":\"after the rotation\"}")).statusCode())
                    .as("the proxy still reaches the server over its rotated internal port").isEqualTo(202);
        }
    }

    @Test
    void aShortLivedProxyCertificateIsRenewedByTheServerAndPickedUpWhileMessagesFlow() throws Exception {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY),
                Map.of("TLS_RELOAD_QUIET_PERIOD", "200ms", "broker.ca.component-renewal-check", "1s"))) {
            // Replace the proxy's certificate with one that lives 30 seconds: due for renewal after 20.
            CertificateAuthority ca = broker.context(Role.SERVER).getBean(CertificateAuthority.class);
            KeyPair pair = CertificateAuthority.newLeafKeyPair();
            X509Certificate current = PemFiles.readCertificate(dir.resolve("tls/proxy.crt"));
            Instant issued = Instant.now();
            X509Certificate shortLived = ca.issueComponent(ComponentRole.of(current).orElseThrow(),
                    X500Name.getInstance(current.getSubjectX500Principal().getEncoded()).toString(), pair.getPublic(),
                    issued, Duration.ofSeconds(30), List.of("localhost"), List.of("127.0.0.1"));
            PemFiles.writeOwnerOnly(dir.resolve("tls/proxy.key"), PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            PemFiles.writePublic(dir.resolve("tls/proxy.crt"), ca.chainPem(shortLived));
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .until(() -> PresentedCertificate.serial(dir, broker.proxy("/")).equals(shortLived.getSerialNumber()));
            assertThat(broker.submit("while the short-lived certificate is current")).isNotBlank();

            BigInteger renewed = Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                    .until(() -> PresentedCertificate.serial(dir, broker.proxy("/")),
                            serial -> !serial.equals(shortLived.getSerialNumber()));
            X509Certificate onDisk = PemFiles.readCertificate(dir.resolve("tls/proxy.crt"));
            assertThat(onDisk.getSerialNumber()).isEqualTo(renewed);
            assertThat(Duration.between(issued, Instant.now())).as("not before two thirds of its life")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(19));
            assertThat(onDisk.getNotAfter().getTime() - shortLived.getNotAfter().getTime()).as("the same lifetime, later")
                    .isBetween(19_000L, 45_000L);
            assertThat(broker.submit("after the renewal")).as("the proxy accepts and reaches the server with it")
                    .isNotBlank();
        }
    }
}
