package org.messagebroker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.cli.RunningBroker.json;
import static org.messagebroker.cli.RunningBroker.postJson;
import static org.messagebroker.cli.RunningBroker.send;

import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.tls.PemFiles;
import tools.jackson.databind.JsonNode;

/** A component certificate rotated on disk is presented to new connections without a restart. */
class CertificateRotationTest {

    @Test
    void theProxyPicksUpARotatedCertificateWithoutARestart(@TempDir Path dir) throws Exception {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY),
                java.util.Map.of("TLS_RELOAD_QUIET_PERIOD", "200ms"))) {
            BigInteger before = presentedSerial(broker);
            HttpResponse<String> issued = broker.postJsonAs(broker.adminToken(), "/admin/certificates/component",
                    "{\"name\":\"proxy\",\"dns_names\":[\"localhost\"],\"ip_addresses\":[\"127.0.0.1\"]}");
            assertThat(issued.statusCode()).isEqualTo(201);
            JsonNode component = json(issued);
            X509Certificate fresh = PemFiles.parseCertificate(component.path("certificate").asString());
            assertThat(fresh.getSerialNumber()).isNotEqualTo(before);

            PemFiles.writeOwnerOnly(dir.resolve("tls/proxy.key"), component.path("private_key").asString());
            PemFiles.writePublic(dir.resolve("tls/proxy.crt"), component.path("certificate").asString());

            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> presentedSerial(broker).equals(fresh.getSerialNumber()));
            assertThat(send(broker.client("demo-client"), postJson(broker.proxy("/api/v1/messages"),
                    "{\"sender_number\":\"+4915200000000\",\"message_body\":\"after the rotation\"}")).statusCode())
                    .isEqualTo(202);
        }
    }

    /** The serial of the certificate the proxy presents to a new connection. */
    private static BigInteger presentedSerial(RunningBroker broker) throws Exception {
        HttpResponse<String> response = send(broker.client("demo-client"),
                HttpRequest.newBuilder(broker.proxy("/api/v1/health")).GET());
        return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
    }
}
