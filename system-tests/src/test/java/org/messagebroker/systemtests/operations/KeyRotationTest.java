package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.json;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.BrokerCommand;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.systemtests.harness.RunningBroker;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** {@code broker keys rotate} on a running system: new key in use, old rows re-encrypted, all readable. */
class KeyRotationTest {

    @Test
    void rotatingTheStorageKeyReencryptsEverythingWithoutARestart(@TempDir Path dir) {
        Map<String, Object> fast = Map.of("broker.keys.reload-interval", "200ms",
                "broker.keys.reencrypt-interval", "200ms");
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.values()), fast)) {
            String token = broker.adminToken();
            String before = broker.submit("before the rotation");
            broker.awaitDelivered(token, before);
            assertThat(keyStatus(broker, token).path("current_version").asInt()).isEqualTo(1);

            int exit = new CommandLine(new BrokerCommand()).execute("keys", "rotate", "--data-dir", dir.toString());
            assertThat(exit).isZero();

            JsonNode status = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> keyStatus(broker, token), s -> s.path("current_version").asInt() == 2
                            && s.path("rows_by_version").size() == 1 && s.path("rows_by_version").has("2"));
            assertThat(status.path("versions")).hasSize(2);

            String after = broker.submit("after the rotation");
            assertThat(broker.awaitDelivered(token, after).path("message_body").asString()).isEqualTo("after the rotation");
            assertThat(broker.awaitDelivered(token, before).path("message_body").asString())
                    .isEqualTo("before the rotation");
            assertThat(keyStatus(broker, token).path("rows_by_version").path("2").asLong()).isEqualTo(2);
        }
    }

    /**
     * A new installation seals for X25519 (envelope v2); one made before 1.1 keeps its RSA-3072 sealing key
     * (v1), and its messages still flow, whichever it is.
     */
    @Test
    void messagesFlowWithTheX25519SealingKeyOfANewInstallationAndTheRsaKeyOfAnOlderOne(@TempDir Path dir)
            throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(3072);
        KeyPair older = rsa.generateKeyPair();
        Path olderInstallation = dir.resolve("older");
        PemFiles.writeOwnerOnly(olderInstallation.resolve("secrets/sealing-private.pem"),
                PemFiles.pem("PRIVATE KEY", older.getPrivate().getEncoded()));
        PemFiles.writePublic(olderInstallation.resolve("keys/sealing-public.pem"),
                PemFiles.pem("PUBLIC KEY", older.getPublic().getEncoded()));
        for (Path installation : List.of(dir.resolve("new"), olderInstallation)) {
            try (RunningBroker broker = new RunningBroker(installation, List.of(Role.values()))) {
                String token = broker.adminToken();
                String id = broker.submit("sealed for " + installation.getFileName());
                assertThat(broker.awaitDelivered(token, id).path("message_body").asString())
                        .isEqualTo("sealed for " + installation.getFileName());
            }
        }
        assertThat(PemFiles.readPublicKey(dir.resolve("new/keys/sealing-public.pem")).getAlgorithm()).isEqualTo("XDH");
        assertThat(PemFiles.readPublicKey(olderInstallation.resolve("keys/sealing-public.pem")))
                .as("kept, not replaced").isEqualTo(older.getPublic());
    }

    @Test
    void theKeyStatusIsForAdminsOnly(@TempDir Path dir) {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER))) {
            HttpResponse<String> anonymous = send(broker.client(null),
                    HttpRequest.newBuilder(broker.server("/admin/keys")).GET());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }

    private static JsonNode keyStatus(RunningBroker broker, String token) {
        HttpResponse<String> response = send(broker.client(null), HttpRequest.newBuilder(broker.server("/admin/keys"))
                .header("Authorization", "Bearer " + token).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }
}
