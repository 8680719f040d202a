package org.messagebroker.systemtests.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.json;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.seal.EnvelopeSealer;
import org.messagebroker.server.webhook.WebhookReceiver.Received;
import org.messagebroker.server.webhook.WebhookReceiver;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks through the whole broker: registered by an admin or by the client over mTLS, events raised by
 * deliveries, failures and revocations, signed and received by an HTTPS receiver on loopback (allowed by
 * name, its CA trusted by setting, as an operator would configure a private receiver).
 */
class WebhookTest {

    static final WebhookReceiver RECEIVER = new WebhookReceiver(temporaryDirectory());

    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.values()), Map.of(
            "broker.webhooks.allowed-hosts", "localhost", "broker.webhooks.trusted-ca", RECEIVER.caFile().toString(),
            "broker.webhooks.poll-interval", "200ms"));
    static RunningBroker broker;
    static String admin;

    @BeforeAll
    static void start() {
        broker = running.get();
        admin = broker.adminToken();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("webhook-receiver-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outbox's events the receiver got for a client (not the test events). */
    private static List<Received> receivedFor(String clientId) {
        return RECEIVER.received().stream().filter(r -> !"webhook.test".equals(r.header("Broker-Event-Type")))
                .filter(r -> JSON(r).path("client_id").asString().equals(clientId)).toList();
    }

    private static JsonNode JSON(Received request) {
        return RunningBroker.JSON.readTree(request.body());
    }

    private static HttpResponse<String> putWebhook(String token, String clientId, String body) {
        return broker.as(token, "PUT", "/admin/clients/" + clientId + "/webhook", body);
    }

    @Test
    void anAdminsWebhookReceivesTheClientsDeliveriesFailuresAndRevocationSignedAndInOrder() throws IOException {
        broker.registerClient(admin, "hooked");
        // The proxies learn of a new client within a second; a status query for no message says when (404).
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> send(broker.client("hooked"),
                HttpRequest.newBuilder(broker.proxy("/api/v1/messages/" + UUID.randomUUID())).GET()).statusCode() == 404);
        HttpResponse<String> plainHttp = putWebhook(admin, "hooked",
                "{\"url\":\"http://localhost/x\",\"events\":[\"message.delivered\"]}");
        assertThat(plainHttp.statusCode()).isEqualTo(400);
        assertThat(json(plainHttp).path("detail").asString()).isEqualTo("url must use https");
        HttpResponse<String> loopback = putWebhook(admin, "hooked",
                "{\"url\":\"https://127.0.0.1:9/x\",\"events\":[\"message.delivered\"]}");
        assertThat(json(loopback).path("detail").asString()).as("only the host the admin allowed")
                .contains("non-public address");
        assertThat(putWebhook(admin, "hooked", "{\"url\":\"" + RECEIVER.url("/in") + "\",\"events\":[\"sms.sent\"]}")
                .statusCode()).isEqualTo(400);

        HttpResponse<String> saved = putWebhook(admin, "hooked", "{\"url\":\"" + RECEIVER.url("/in")
                + "\",\"events\":[\"message.delivered\",\"message.failed\",\"certificate.revoked\"]}");
        assertThat(saved.statusCode()).isEqualTo(200);
        String secret = json(saved).path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(broker.getJson(admin, "/admin/clients/hooked/webhook").has("secret")).as("shown once").isFalse();

        String delivered = broker.submit("hooked", "first message");
        String failed = enqueueInvalid("hooked");
        String second = broker.submit("hooked", "second message");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor("hooked").size() >= 3);
        broker.postJsonAs(admin, "/admin/certificates/revoke", "{\"client_id\":\"hooked\",\"reason\":\"test\"}");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor("hooked").size() >= 4);

        List<Received> got = receivedFor("hooked");
        assertThat(got).allSatisfy(r -> assertThat(WebhookReceiver.signedWith(r, secret)).isTrue());
        assertThat(got).extracting(r -> JSON(r).path("sequence").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(got.getLast().header("Broker-Event-Type")).isEqualTo("certificate.revoked");
        assertThat(got.subList(0, 3)).extracting(r -> JSON(r).path("data").path("message_id").asString())
                .containsExactlyInAnyOrder(delivered, failed, second);
        Received failure = got.stream().filter(r -> JSON(r).path("type").asString().equals("message.failed"))
                .findFirst().orElseThrow();
        assertThat(JSON(failure).path("data").path("message_id").asString()).isEqualTo(failed);
        assertThat(JSON(failure).path("data").path("reason").asString()).isEqualTo("rejected");
        assertThat(got).as("no body or number without the client's opt-in")
                .noneMatch(r -> r.body().contains("first message") || r.body().contains("+49"));

        JsonNode events = broker.getJson(admin, "/admin/clients/hooked/webhook/events");
        assertThat(events.path("events")).hasSize(4).allSatisfy(e -> {
            assertThat(e.path("status").asString()).isEqualTo("delivered");
            assertThat(e.path("last_status_code").asInt()).isEqualTo(204);
        });
        assertThat(broker.getJson(admin, "/admin/audit?client_id=hooked&per_page=100").path("entries").toString())
                .contains("webhook_registered");
        try (Stream<Path> files = Files.walk(broker.dir.resolve("db"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as("the secret is stored encrypted").doesNotContain(secret);
            }
        }
    }

    /** A message the proxy could not have accepted (the server re-validates it): rejected, dead-lettered, failed. */
    private static String enqueueInvalid(String clientId) {
        String id = UUID.randomUUID().toString();
        EnvelopeSealer sealer = broker.context(Role.SERVER).getBean(EnvelopeSealer.class);
        broker.context(Role.SERVER).getBean(MessageQueue.class).enqueue(new QueuedMessage(id, clientId, "default",
                Instant.now(), sealer.seal(id, new MessageContent("+1", "not a valid number"))));
        return id;
    }

    @Test
    void aClientManagesItsOwnWebhookOverMutualTls() {
        broker.registerClient(admin, "self-served");
        HttpClient client = broker.client("self-served");
        // The proxies learn of a new client within a second (their access list); until then it is a 403.
        HttpResponse<String> none = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> send(client,
                HttpRequest.newBuilder(broker.proxy("/api/v1/webhook")).GET()), response -> response.statusCode() != 403);
        assertThat(none.statusCode()).isEqualTo(404);

        HttpResponse<String> saved = send(client, HttpRequest.newBuilder(broker.proxy("/api/v1/webhook"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"url\":\""
                        + RECEIVER.url("/self") + "\",\"events\":[\"message.delivered\"],\"include_content\":true}")));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(json(saved).path("client_id").asString()).isEqualTo("self-served");
        String secret = json(saved).path("secret").asString();

        HttpResponse<String> test = send(client, HttpRequest.newBuilder(broker.proxy("/api/v1/webhook/test"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(json(test).path("delivered").asBoolean()).isTrue();
        Received ping = RECEIVER.received().stream().filter(r -> "webhook.test".equals(r.header("Broker-Event-Type")))
                .filter(r -> JSON(r).path("client_id").asString().equals("self-served")).findFirst().orElseThrow();
        assertThat(WebhookReceiver.signedWith(ping, secret)).isTrue();

        String id = broker.submit("self-served", "with content, as opted in");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor("self-served").stream()
                .anyMatch(r -> JSON(r).path("type").asString().equals("message.delivered")));
        JsonNode event = receivedFor("self-served").stream().map(WebhookTest::JSON)
                .filter(e -> e.path("type").asString().equals("message.delivered")).findFirst().orElseThrow();
        assertThat(event.path("data").path("message_id").asString()).isEqualTo(id);
        assertThat(event.path("data").path("message_body").asString()).isEqualTo("with content, as opted in");

        HttpResponse<String> rotated = send(client, HttpRequest.newBuilder(broker.proxy("/api/v1/webhook/secret"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(json(rotated).path("secret").asString()).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(send(broker.client("demo-client"), HttpRequest.newBuilder(broker.proxy("/api/v1/webhook")).GET())
                .statusCode()).as("another client sees its own (none), not this one").isEqualTo(404);
        assertThat(send(client, HttpRequest.newBuilder(broker.proxy("/api/v1/webhook")).DELETE()).statusCode())
                .isEqualTo(204);
        assertThat(send(client, HttpRequest.newBuilder(broker.proxy("/api/v1/webhook")).GET()).statusCode())
                .isEqualTo(404);
        assertThat(broker.getJson(admin, "/admin/audit?client_id=self-served&per_page=100").path("entries").toString())
                .contains("webhook_registered").contains("webhook_secret_rotated").contains("webhook_removed");
    }
}
