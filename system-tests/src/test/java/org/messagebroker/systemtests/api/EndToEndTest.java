package org.messagebroker.systemtests.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagebroker.systemtests.harness.RunningBroker.json;
import static org.messagebroker.systemtests.harness.RunningBroker.postJson;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.RunningBroker;
import org.messagebroker.systemtests.harness.TestCertificates;
import tools.jackson.databind.JsonNode;

/**
 * The thin slice, all real: the four roles in one JVM on free ports with real TLS, a real client
 * certificate from the installation's CA, the embedded SQLite database and queue on disk.
 */
public class EndToEndTest {

    private static final String VALID = "{\"sender_number\":\"+4915200000000\",\"message_body\":\"%s\"}";

    static Path dataDir;
    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.values()));
    static RunningBroker broker;

    @BeforeAll
    static void start() {
        broker = running.get();
        dataDir = broker.dir;
    }

    @Test
    void anAcceptedMessageIsDeliveredStoredOnceAndShownToTheAdmin() {
        String marker = "e2e-" + UUID.randomUUID();
        HttpResponse<String> accepted = send(broker.client("demo-client"),
                postJson(broker.proxy("/api/v1/messages"), VALID.formatted(marker)));

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode body = json(accepted);
        String messageId = body.path("message_id").asString();
        assertThat(UUID.fromString(messageId).version()).as("time-ordered ids").isEqualTo(7);
        assertThat(body.path("status").asString()).isEqualTo("queued");
        assertThat(body.path("client_id").asString()).isEqualTo("demo-client");
        assertThat(body.path("queued_at").asString()).endsWith("Z");
        assertThat(body.path("position").asLong()).isPositive();

        JsonNode stored = broker.awaitDelivered(broker.adminToken(), messageId);
        assertThat(stored.path("message_body").asString()).isEqualTo(marker);
        assertThat(stored.path("sender_number_masked").asString()).isEqualTo("+491****0000");
        assertThat(stored.path("client_id").asString()).isEqualTo("demo-client");

        assertThat(filesContaining(marker)).as("files holding the plaintext body").isEmpty();
        assertThat(filesContaining("+4915200000000")).as("files holding the full sender number").isEmpty();
    }

    @Test
    void thePythonClientScriptSendsThroughTheProxy() throws Exception {
        Process script = new ProcessBuilder("python3", Path.of("..", "client-scripts", "send_message.py").toString(),
                "--url", "https://localhost:" + broker.proxyPort, "--cert", dataDir.resolve("demo-client.crt").toString(),
                "--key", dataDir.resolve("demo-client.key").toString(), "--ca", dataDir.resolve("ca.crt").toString(),
                "--sender", "+4915211111111", "--message", "from python", "--idempotency-key", "py-1")
                .redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor()).as(output).isZero();
        JsonNode accepted = RunningBroker.JSON.readTree(output);
        assertThat(accepted.path("status").asString()).isEqualTo("queued");
        assertThat(broker.awaitDelivered(broker.adminToken(), accepted.path("message_id").asString())
                .path("message_body").asString()).isEqualTo("from python");
    }

    @Test
    @Tag("security")
    void aClientWithoutACertificateIsRefusedInTheHandshake() {
        assertThat(send(broker.client("demo-client"), postJson(broker.proxy("/api/v1/messages"), VALID.formatted("x")))
                .statusCode()).as("the proxy is up for a client with a certificate").isEqualTo(202);
        assertThatThrownBy(() -> send(broker.client(null), postJson(broker.proxy("/api/v1/messages"), VALID.formatted("x"))))
                .isInstanceOf(UncheckedIOException.class)
                .satisfies(e -> assertThat(rootCause(e)).as("refused by TLS, not a closed port")
                        .isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class));
    }

    @Test
    @Tag("security")
    void aCertificateFromAnotherCaIsRefusedInTheHandshake(@TempDir Path elsewhere) {
        HttpClient stranger = TestCertificates.foreignClient(elsewhere, dataDir.resolve("ca.crt"));
        assertThat(send(broker.client("demo-client"), postJson(broker.proxy("/api/v1/messages"), VALID.formatted("x")))
                .statusCode()).as("the proxy is up for a client with a certificate").isEqualTo(202);
        assertThatThrownBy(() -> send(stranger, postJson(broker.proxy("/api/v1/messages"), VALID.formatted("x"))))
                .isInstanceOf(UncheckedIOException.class)
                .satisfies(e -> assertThat(rootCause(e)).as("refused by TLS, not a closed port")
                        .isInstanceOfAny(SSLException.class, IOException.class).isNotInstanceOf(ConnectException.class));
    }

    @Test
    void anInvalidNumberOrBodyIsA400ProblemNamingTheFields() {
        HttpResponse<String> response = send(broker.client("demo-client"), postJson(broker.proxy("/api/v1/messages"),
                "{\"sender_number\":\"+123\",\"message_body\":\"" + "A".repeat(1001) + "\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("error").asString()).isEqualTo("validation_error");
        assertThat(problem.path("request_id").asString()).startsWith("req_")
                .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("sender_number", "message_body");
        assertThat(problem.path("detail").asString()).contains("E.164").contains("1001");
    }

    @Test
    void bodiesThatAreNotJsonGetTheRightStatus() {
        HttpClient client = broker.client("demo-client");
        HttpResponse<String> malformed = send(client, postJson(broker.proxy("/api/v1/messages"), "{\"sender_number\":"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("error").asString()).isEqualTo("validation_error");

        HttpResponse<String> text = send(client, HttpRequest.newBuilder(broker.proxy("/api/v1/messages"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(json(text).path("error").asString()).isEqualTo("unsupported_media_type");

        HttpResponse<String> wrongMethod = send(client, HttpRequest.newBuilder(broker.proxy("/api/v1/messages")).GET());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(send(client, HttpRequest.newBuilder(broker.proxy("/nowhere")).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    @Tag("security")
    void theInternalApiAdmitsEachComponentOnlyToItsOwnEndpoints() {
        HttpResponse<String> asClient = send(broker.client("demo-client"),
                postJson(broker.internal("/internal/messages/deliver"), "{\"messages\":[]}"));
        assertThat(asClient.statusCode()).isEqualTo(403);

        HttpResponse<String> asWorker = send(broker.client("tls/worker"),
                postJson(broker.internal("/internal/messages/deliver"), "{\"messages\":[]}"));
        assertThat(asWorker.statusCode()).isEqualTo(200);
        assertThat(send(broker.client("tls/worker"), HttpRequest.newBuilder(broker.internal("/internal/clients/access"))
                .GET()).statusCode()).as("the access list is the proxy's").isEqualTo(403);
        assertThat(send(broker.client("tls/worker"), postJson(broker.internal("/internal/certificates/renew"),
                "{\"client_id\":\"demo-client\",\"csr\":\"x\"}")).statusCode()).as("renewals are the proxy's").isEqualTo(403);
        assertThat(send(broker.client("tls/proxy"), HttpRequest.newBuilder(broker.internal("/internal/clients/access"))
                .GET()).statusCode()).isEqualTo(200);
        assertThat(send(broker.client("tls/proxy"), postJson(broker.internal("/internal/messages/deliver"),
                "{\"messages\":[]}")).statusCode()).as("deliveries are the worker's").isEqualTo(403);

        assertThatThrownBy(() -> send(broker.client(null),
                postJson(broker.internal("/internal/messages/deliver"), "{\"messages\":[]}")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(send(broker.client(null), postJson(broker.server("/internal/messages/deliver"), "{\"messages\":[]}"))
                .statusCode()).as("internal API on the public port").isEqualTo(401);
    }

    @Test
    @Tag("security")
    void aClientCertificateNamedLikeAComponentIsNoComponentAndNoClientMayTakeSuchAName() {
        TestCertificates.issueFromOurCa(broker.dir, "proxy");
        assertThat(send(broker.client("proxy"), HttpRequest.newBuilder(broker.internal("/internal/clients/access"))
                .GET()).statusCode()).isEqualTo(403);
        assertThat(send(broker.client("proxy"), postJson(broker.internal("/internal/messages/deliver"),
                "{\"messages\":[]}")).statusCode()).isEqualTo(403);
        for (String reserved : new String[] {"proxy", "Worker", "server", "portal"}) {
            HttpResponse<String> refused = broker.as(broker.adminToken(), "POST", "/admin/certificates/generate",
                    "{\"client_id\":\"" + reserved + "\"}");
            assertThat(refused.statusCode()).as(reserved).isEqualTo(400);
            assertThat(json(refused).path("detail").asString()).contains("reserved");
        }
    }

    @Test
    @Tag("security")
    void anOldShapeDeliveryBodyIsRefusedAs400() {
        assertThat(send(broker.client("tls/worker"), postJson(broker.internal("/internal/messages/deliver"),
                "{\"message_id\":\"x\",\"encrypted_content\":\"y\"}")).statusCode()).isEqualTo(400);
    }

    @Test
    @Tag("security")
    void thePortalApiWantsAValidBearerToken() {
        HttpClient client = broker.client(null);
        for (String authorization : new String[] {null, "Bearer not-a-token", "Bearer " + broker.adminToken() + "x"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(broker.server("/portal/messages")).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = send(client, request);
            assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(json(response).path("error").asString()).isEqualTo("authentication_error");
        }
        HttpResponse<String> wrongPassword = send(client, postJson(broker.server("/portal/auth/login"),
                "{\"email\":\"admin@example.com\",\"password\":\"wrong-password\"}"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
    }

    @Test
    void everyRoleAnswersHealthAndMetrics() {
        HttpClient client = broker.client("demo-client");
        assertHealthy(send(client, HttpRequest.newBuilder(broker.proxy("/api/v1/health")).GET()));
        assertHealthy(send(client, HttpRequest.newBuilder(broker.server("/health")).GET()));
        assertHealthy(send(client, HttpRequest.newBuilder(broker.portal("/health")).GET()));

        HttpResponse<String> metrics = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + broker.workerPort + "/metrics")).GET());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(metrics.body()).contains("worker_delivery_duration_seconds").contains("broker_queue_depth").contains("broker_queue_oldest_age_seconds")
                .contains("worker_processing_messages");
        HttpResponse<String> workerHealth = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + broker.workerPort + "/health")).GET());
        assertHealthy(workerHealth);
        assertThat(json(workerHealth).path("checks").path("main_server").asString()).isEqualTo("healthy");
        assertThat(send(HttpClient.newHttpClient(), HttpRequest.newBuilder(broker.metrics(Role.PROXY)).GET()).body())
                .contains("proxy_messages_enqueued_total");
    }

    @Test
    @Tag("security")
    void metricsAreServedOnlyOnLoopbackManagementPortsNotOnThePublicOnes() throws Exception {
        assertThat(send(broker.client("demo-client"), HttpRequest.newBuilder(broker.proxy("/metrics")).GET()).statusCode())
                .as("a client certificate is no pass to the proxy's figures").isEqualTo(404);
        assertThat(send(broker.client(null), HttpRequest.newBuilder(broker.server("/metrics")).GET()).statusCode())
                .as("the server's public port").isIn(401, 404);
        for (int port : new int[] {broker.proxyMetricsPort, broker.serverMetricsPort, broker.workerPort}) {
            try (java.net.Socket loopback = new java.net.Socket("127.0.0.1", port)) {
                assertThat(loopback.isConnected()).isTrue();
            }
            java.net.InetAddress external = java.net.InetAddress.getLocalHost();
            if (!external.isLoopbackAddress()) {
                assertThatThrownBy(() -> new java.net.Socket(external, port).close())
                        .as("port %d on %s", port, external).isInstanceOf(java.net.ConnectException.class);
            }
        }
    }

    @Test
    void thePortalServesItsLoginPageOverHttps() {
        HttpResponse<String> page = send(broker.client(null), HttpRequest.newBuilder(broker.portal("/login")).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Log in").contains("name=\"_csrf\"").contains("name=\"password\"");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    @Tag("security")
    void theInstallationKeepsSecretsPrivate() throws IOException {
        for (String file : List.of("initial-admin.txt", "demo-client.key", "ca/ca.key", "tls/server.key",
                "secrets/storage-keys", "secrets/jwt.key", "secrets/blind-index.key", "secrets/sealing-private.pem",
                "secrets/ca-passphrase")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(Files.readString(dataDir.resolve("demo-client.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dataDir.resolve("ca/ca.key"))).as("the CA key is encrypted at rest")
                .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(Files.readAllLines(dataDir.resolve("initial-admin.txt")))
                .anyMatch(line -> line.equals("email=admin@example.com"))
                .anyMatch(line -> line.matches("password=\\S{16,}"));
        assertThat(filesContaining(broker.initialAdminPassword()))
                .as("files other than initial-admin.txt holding the admin password")
                .containsExactly(dataDir.resolve("initial-admin.txt"));
    }

    private static void assertHealthy(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asString()).isEqualTo("healthy");
    }

    /** Every file under the data directory (database, queue, logs, keys) whose bytes contain the text. */
    static List<Path> filesContaining(String text) {
        return filesContainingUnder(dataDir, text);
    }

    public static List<Path> filesContainingUnder(Path dir, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
