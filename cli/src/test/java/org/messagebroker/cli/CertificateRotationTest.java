package org.messagebroker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.cli.RunningBroker.json;
import static org.messagebroker.cli.RunningBroker.postJson;
import static org.messagebroker.cli.RunningBroker.send;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.tls.PemFiles;
import tools.jackson.databind.JsonNode;

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
                X509Certificate fresh = rotate(broker, component.getKey());
                for (URI port : component.getValue()) {
                    Awaitility.await(component.getKey() + " on port " + port.getPort()).atMost(Duration.ofSeconds(20))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> PresentedCertificate.serial(dir, port).equals(fresh.getSerialNumber()));
                }
            }
            assertThat(send(broker.client("demo-client"), postJson(broker.proxy("/api/v1/messages"),
                    "{\"sender_number\":\"+4915200000000\",\"message_body\":\"after the rotation\"}")).statusCode())
                    .as("the proxy still reaches the server over its rotated internal port").isEqualTo(202);
        }
    }

    /** Issues a new certificate for {@code component} and writes it where the component reads it. */
    private X509Certificate rotate(RunningBroker broker, String component) throws Exception {
        HttpResponse<String> issued = broker.postJsonAs(broker.adminToken(), "/admin/certificates/component",
                "{\"name\":\"" + component + "\",\"dns_names\":[\"localhost\"],\"ip_addresses\":[\"127.0.0.1\"]}");
        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode body = json(issued);
        X509Certificate fresh = PemFiles.parseCertificate(body.path("certificate").asString());
        PemFiles.writeOwnerOnly(dir.resolve("tls/" + component + ".key"), body.path("private_key").asString());
        PemFiles.writePublic(dir.resolve("tls/" + component + ".crt"), body.path("certificate").asString());
        return fresh;
    }
}
