package org.messagebroker.systemtests.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.json;
import static org.messagebroker.systemtests.harness.RunningBroker.postJson;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.tls.TlsContexts;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/** The client API's contract at its edges: hostile bodies, rate limits, metrics, health and TLS policy. */
class ProxyContractTest {

    @TempDir
    static Path dir;
    static RunningBroker broker;
    static HttpClient demo;

    @BeforeAll
    static void start() {
        broker = new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY));
        demo = broker.client("demo-client");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> submit("{\"sender_number\":\"+4915200000000\","
                + "\"message_body\":\"warm-up\"}").statusCode() == 202);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static HttpResponse<String> submit(String body) {
        return send(demo, postJson(broker.proxy("/api/v1/messages"), body));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String error, String detailPart) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("error").asString()).isEqualTo(error);
        assertThat(problem.path("detail").asString()).contains(detailPart);
        assertThat(response.body()).doesNotContain("tools.jackson").doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void duplicateKeysDeepNestingAndWrongTypesAre400NotGuesses() {
        assertProblem(submit("{\"sender_number\":\"+4915200000000\",\"sender_number\":\"+4915211111111\","
                + "\"message_body\":\"x\"}"), 400, "validation_error", "duplicate key");
        String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
        assertProblem(submit("{\"sender_number\":\"+4915200000000\",\"message_body\":\"x\",\"metadata\":" + deep + "}"),
                400, "validation_error", "nested too deeply");
        assertProblem(submit("{\"sender_number\":4915200000000,\"message_body\":\"x\"}"), 400, "validation_error",
                "sender_number has the wrong type");
        assertProblem(submit("{\"sender_number\":\"+4915200000000\",\"message_body\":\"x\",\"metadata\":\"x\"}"), 400,
                "validation_error", "metadata has the wrong type");
        assertProblem(submit("[1,2,3]"), 400, "validation_error", "JSON");
        assertProblem(submit(""), 400, "validation_error", "JSON");
    }

    @Test
    void unknownFieldsAreIgnoredAndTheDomainIsKept() {
        HttpResponse<String> accepted = submit("{\"sender_number\":\"+4915200000000\",\"message_body\":\"x\","
                + "\"priority\":\"high\",\"metadata\":{\"domain\":\"billing\",\"extra\":[1,2]}}");
        assertThat(accepted.statusCode()).isEqualTo(202);
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsReadWhole() {
        String huge = "{\"sender_number\":\"+4915200000000\",\"message_body\":\"" + "A".repeat(70_000) + "\"}";
        assertProblem(submit(huge), 413, "payload_too_large", "larger than 65536 bytes");

        Iterator<byte[]> chunks = Stream.generate(() -> "A".repeat(8192).getBytes()).limit(20).iterator();
        HttpResponse<String> chunked = send(demo, HttpRequest.newBuilder(broker.proxy("/api/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString("{\"sender_number\":\"+4915200000000\",\"message_body\":\""),
                        HttpRequest.BodyPublishers.ofByteArrays(() -> chunks)))));
        assertProblem(chunked, 413, "payload_too_large", "larger than");
    }

    @Test
    void aClientsOwnRateLimitIsEnforcedWithTheOriginalsHeaders() {
        String token = broker.adminToken();
        broker.registerClient(token, "limited");
        HttpResponse<String> set = send(broker.client(null), HttpRequest.newBuilder(
                broker.server("/admin/clients/limited/rate-limit")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"requests_per_minute\":3}")));
        assertThat(set.statusCode()).isEqualTo(200);
        HttpClient limited = broker.client("limited");
        String body = "{\"sender_number\":\"+4915200000000\",\"message_body\":\"x\"}";
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> send(limited,
                postJson(broker.proxy("/api/v1/messages"), body)).headers().firstValue("X-RateLimit-Limit")
                .orElse("").equals("3"));

        HttpResponse<String> last = null;
        for (int i = 0; i < 5 && (last == null || last.statusCode() != 429); i++) {
            last = send(limited, postJson(broker.proxy("/api/v1/messages"), body));
        }
        assertProblem(last, 429, "rate_limit_exceeded", "3 requests per minute");
        assertThat(last.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(Long.parseLong(last.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                .isGreaterThan(System.currentTimeMillis() / 1000 - 1);
        long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(json(last).path("retry_after").asLong()).isEqualTo(retryAfter);
    }

    @Test
    @Tag("security")
    void oneRateLimitPerClientHoldsAcrossTheProxyAndThePortal() {
        String admin = broker.adminToken();
        broker.registerClient(admin, "shared");
        assertThat(broker.as(admin, "PUT", "/admin/clients/shared/rate-limit", "{\"requests_per_minute\":3}")
                .statusCode()).isEqualTo(200);
        assertThat(broker.as(admin, "POST", "/admin/users", "{\"email\":\"ops@shared.example\",\"password\":"
                + "\"correct horse battery\",\"client_id\":\"shared\"}").statusCode()).isEqualTo(201);
        String user = json(broker.login("ops@shared.example", "correct horse battery")).path("access_token").asString();
        String body = "{\"sender_number\":\"+4915200000000\",\"message_body\":\"x\"}";
        HttpClient shared = broker.client("shared");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> send(shared, HttpRequest.newBuilder(
                broker.proxy("/api/v1/messages/" + UUID.randomUUID())).GET()).statusCode() == 404);

        HttpResponse<String> fromThePortal = broker.postJsonAs(user, "/portal/messages", body);
        assertThat(fromThePortal.statusCode()).isEqualTo(202);
        assertThat(fromThePortal.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
        assertThat(broker.postJsonAs(user, "/portal/messages", body).statusCode()).isEqualTo(202);
        HttpResponse<String> third = send(shared, postJson(broker.proxy("/api/v1/messages"), body));
        assertThat(third.statusCode()).isEqualTo(202);
        assertThat(third.headers().firstValue("X-RateLimit-Remaining")).as("the portal's two counted").hasValue("0");
        assertProblem(send(shared, postJson(broker.proxy("/api/v1/messages"), body)), 429, "rate_limit_exceeded",
                "3 requests per minute");
        HttpResponse<String> portalRefused = broker.postJsonAs(user, "/portal/messages", body);
        assertProblem(portalRefused, 429, "rate_limit_exceeded", "3 requests per minute");
        assertThat(portalRefused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void metricsCarryTheOriginalsNames() {
        submit("{\"sender_number\":\"+123\",\"message_body\":\"x\"}");
        String metrics = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(broker.metrics(Role.PROXY)).GET()).body();
        assertThat(metrics).contains("proxy_requests_total{endpoint=\"/api/v1/messages\",method=\"POST\"")
                .contains("proxy_request_duration_seconds_bucket").contains("redis_queue_size")
                .contains("proxy_messages_enqueued_total").contains("proxy_messages_failed_total{reason=\"validation_error\"")
                .contains("proxy_certificate_validations_total{result=\"valid\"");
    }

    @Test
    void theProxyServesItsOpenApiDescription() {
        HttpResponse<String> spec = send(demo, HttpRequest.newBuilder(broker.proxy("/api/v1/openapi.yaml")).GET());
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).startsWith("openapi: 3.1.0").contains("/api/v1/messages:")
                .contains("/api/v1/messages/{message_id}:").contains("Idempotency-Key").contains("mutualTLS");
    }

    @Test
    void healthReportsQueueServerAndCertificate() {
        JsonNode health = json(send(demo, HttpRequest.newBuilder(broker.proxy("/api/v1/health")).GET()));
        assertThat(health.path("status").asString()).isEqualTo("healthy");
        assertThat(health.path("checks").path("queue").asString()).isEqualTo("healthy");
        assertThat(health.path("checks").path("main_server").asString()).isEqualTo("healthy");
        assertThat(health.path("checks").path("certificate").asString()).isEqualTo("valid");
        assertThat(health.path("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(health.path("uptime_seconds").isNumber()).isTrue();
    }

    @Test
    void onlyTls12And13WithForwardSecretAeadSuitesAreAccepted() {
        assertThat(handshake(new String[] {"TLSv1.3"}, null)).isTrue();
        assertThat(handshake(new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}))
                .isTrue();
        assertThat(handshake(new String[] {"TLSv1.1"}, null)).isFalse();
        assertThat(handshake(new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"}))
                .isFalse();
        assertThat(handshake(new String[] {"TLSv1.2"}, new String[] {"TLS_RSA_WITH_AES_128_GCM_SHA256"})).isFalse();
    }

    private static boolean handshake(String[] protocols, String[] suites) {
        SSLContext tls = TlsContexts.mutual(dir.resolve("demo-client.crt"), dir.resolve("demo-client.key"),
                dir.resolve("ca.crt"));
        SSLParameters parameters = tls.getDefaultSSLParameters();
        parameters.setProtocols(protocols);
        if (suites != null) {
            parameters.setCipherSuites(suites);
        }
        HttpClient client = HttpClient.newBuilder().sslContext(tls).sslParameters(parameters).build();
        try {
            return send(client, HttpRequest.newBuilder(broker.proxy("/api/v1/health")).GET()).statusCode() == 200;
        } catch (UncheckedIOException refused) {
            return false;
        }
    }
}
