package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.postJson;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
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
}
