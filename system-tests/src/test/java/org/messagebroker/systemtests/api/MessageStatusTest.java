package org.messagebroker.systemtests.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.json;
import static org.messagebroker.systemtests.harness.RunningBroker.postJson;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/** A client's view of its own messages: idempotent retries, and the status of what it sent. */
class MessageStatusTest {

    private static final String BODY = "{\"sender_number\":\"+4915200000000\",\"message_body\":\"%s\"}";

    @Test
    void retriesWithTheSameIdempotencyKeyGetTheFirstAnswerAndMakeNoSecondMessage(@TempDir Path dir) {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY))) {
            HttpClient client = broker.client("demo-client");
            HttpResponse<String> first = send(client, postJson(broker.proxy("/api/v1/messages"), BODY.formatted("pay"))
                    .header("Idempotency-Key", "order-42"));
            HttpResponse<String> retry = send(client, postJson(broker.proxy("/api/v1/messages"), BODY.formatted("pay"))
                    .header("Idempotency-Key", "order-42"));
            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(retry.statusCode()).isEqualTo(202);
            assertThat(json(retry).path("message_id").asString()).isEqualTo(json(first).path("message_id").asString());
            assertThat(json(retry).path("queued_at").asString()).isEqualTo(json(first).path("queued_at").asString());
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(json(retry).path("position").asLong()).as("no second message queued").isEqualTo(1);

            HttpResponse<String> otherBody = send(client, postJson(broker.proxy("/api/v1/messages"),
                    BODY.formatted("a different payment")).header("Idempotency-Key", "order-42"));
            assertThat(otherBody.statusCode()).isEqualTo(422);
            assertThat(json(otherBody).path("error").asString()).isEqualTo("idempotency_key_reused");

            HttpResponse<String> badKey = send(client, postJson(broker.proxy("/api/v1/messages"), BODY.formatted("x"))
                    .header("Idempotency-Key", "has a space"));
            assertThat(badKey.statusCode()).isEqualTo(400);
            assertThat(json(badKey).path("detail").asString()).contains("Idempotency-Key");
        }
    }

    @Test
    void aClientSeesItsMessageQueuedThenDeliveredAndNobodyElsesMessages(@TempDir Path dir) {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY))) {
            String id = broker.submit("track me");
            JsonNode queued = status(broker, "demo-client", id);
            assertThat(queued.path("status").asString()).isEqualTo("queued");
            assertThat(queued.path("attempt_count").asInt()).isZero();

            broker.registerClient(broker.adminToken(), "nosy-neighbour");
            assertThat(statusResponse(broker, "nosy-neighbour", id).statusCode()).isEqualTo(404);
            assertThat(statusResponse(broker, "demo-client", UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
            HttpResponse<String> traversal = statusResponse(broker, "demo-client", "..%2F..%2Fetc%2Fpasswd");
            assertThat(traversal.statusCode()).as("refused by Tomcat, still as a problem").isEqualTo(400);
            assertThat(traversal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(traversal).path("error").asString()).isEqualTo("validation_error");
            assertThat(statusResponse(broker, "demo-client", "not-a-uuid").statusCode()).isEqualTo(404);

            broker.start(Role.WORKER);
            JsonNode delivered = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> status(broker, "demo-client", id), s -> s.path("status").asString().equals("delivered"));
            assertThat(delivered.path("delivered_at").asString()).endsWith("Z");
            assertThat(delivered.path("client_id").asString()).isEqualTo("demo-client");
            assertThat(statusResponse(broker, "nosy-neighbour", id).statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> statusResponse(RunningBroker broker, String certificate, String id) {
        return send(broker.client(certificate), HttpRequest.newBuilder(broker.proxy("/api/v1/messages/" + id)).GET());
    }

    private static JsonNode status(RunningBroker broker, String certificate, String id) {
        HttpResponse<String> response = statusResponse(broker, certificate, id);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }
}
