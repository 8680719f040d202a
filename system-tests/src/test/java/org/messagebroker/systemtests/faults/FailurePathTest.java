package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/**
 * What happens to messages that cannot be delivered, all real: retries, dead letters handed to the
 * server, recorded as failed with their reason and attempts, and replayed or discarded by an admin.
 */
@Tag("fault")
class FailurePathTest {

    private static final Map<String, Object> IMPATIENT = Map.of("WORKER_MAX_ATTEMPTS", "3",
            "WORKER_RETRY_INTERVAL", "200ms", "broker.worker.dead-letter-report-interval", "200ms");

    @Test
    void messagesSentWhileTheServerIsDownAllArriveOnceItIsBack(@TempDir Path dir) {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.values()),
                Map.of("WORKER_RETRY_INTERVAL", "300ms"))) {
            String token = broker.adminToken();
            broker.stop(Role.SERVER);
            List<String> ids = List.of(broker.submit("one"), broker.submit("two"), broker.submit("three"));
            broker.start(Role.SERVER);
            for (String id : ids) {
                assertThat(broker.awaitDelivered(token, id).path("attempt_count").asInt()).isEqualTo(1);
            }
            assertThat(broker.getJson(token, "/portal/messages").path("pagination").path("total").asLong())
                    .isEqualTo(3);
            assertThat(broker.getJson(token, "/admin/dead-letters").path("dead_letters")).isEmpty();
        }
    }

    /**
     * While the server is down the workers wait longer and longer between calls instead of spending one
     * failed call on each message that falls due (a busy loop that slowed a restarting server to a minute),
     * and say so once in the log, not once per batch.
     */
    @Test
    void whileTheServerIsDownTheWorkersBackOffAndWarnOnce(@TempDir Path dir) throws Exception {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.values()),
                Map.of("WORKER_RETRY_INTERVAL", "100ms"))) {
            String token = broker.adminToken();
            broker.stop(Role.SERVER);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(broker.submit("sent while the server was down " + i));
                Thread.sleep(50); // due one after another, as under a steady load
            }
            double before = deliveryCalls(broker);
            Thread.sleep(6_000);
            // A busy loop made 118–224 calls here; four loops backing off from 50 ms to 5 s make at most
            // about 28 (5 were seen).
            assertThat(deliveryCalls(broker) - before).as("delivery calls in 6 s of outage").isLessThan(40);
            broker.start(Role.SERVER);
            for (String id : ids) {
                broker.awaitDelivered(token, id);
            }
        }
        List<String> log = Files.readAllLines(dir.resolve("logs/server.log"));
        assertThat(log.stream().filter(line -> line.contains("The server is unavailable"))).hasSize(1);
        assertThat(log.stream().filter(line -> line.contains("The server answers again"))).hasSize(1);
    }

    /** How many delivery calls the worker has made, from its Prometheus endpoint. */
    private static double deliveryCalls(RunningBroker broker) {
        return RunningBroker.metricSum(URI.create("http://localhost:" + broker.workerPort + "/metrics"),
                "worker_delivery_duration_seconds_count");
    }

    @Test
    void messagesWhoseRetriesRunOutWhileTheServerIsDownAreRecordedAsFailedAndCanBeReplayed(@TempDir Path dir) {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.values()), IMPATIENT)) {
            String token = broker.adminToken();
            broker.stop(Role.SERVER);
            String id = broker.submit("sent while the server was down");
            JsonNode workerHealth = RunningBroker.json(RunningBroker.send(java.net.http.HttpClient.newHttpClient(),
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://localhost:" + broker.workerPort + "/health")).GET()));
            assertThat(workerHealth.path("status").asString()).isEqualTo("degraded");
            assertThat(workerHealth.path("checks").path("main_server").asString()).isEqualTo("unhealthy");
            // The server comes back only after the worker gave up: on a busy machine it can restart sooner than
            // three attempts take, and the message is then simply delivered.
            URI workerMetrics = URI.create("http://localhost:" + broker.workerPort + "/metrics");
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> RunningBroker.metricSum(workerMetrics, "worker_messages_failed_total") >= 1);

            broker.start(Role.SERVER);
            JsonNode failed = broker.awaitStatus(token, id, "failed");
            assertThat(failed.path("attempt_count").asInt()).isEqualTo(3);
            assertThat(failed.path("message_body").asString()).isEqualTo("sent while the server was down");

            JsonNode deadLetter = broker.getJson(token, "/admin/dead-letters").path("dead_letters").get(0);
            assertThat(deadLetter.path("message_id").asString()).isEqualTo(id);
            assertThat(deadLetter.path("reason").asString()).startsWith("Exceeded maximum attempts (3)");
            assertThat(serverMetrics(broker)).containsPattern(failedCounter("max_attempts_exceeded") + "1\\.0")
                    .doesNotContainPattern(failedCounter("rejected") + "[1-9]");

            HttpResponse<String> replay = broker.postAs(token, "/admin/dead-letters/" + id + "/replay");
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(broker.awaitDelivered(token, id).path("message_body").asString())
                    .isEqualTo("sent while the server was down");
            assertThat(broker.getJson(token, "/admin/dead-letters").path("dead_letters")).isEmpty();
            assertThat(broker.getJson(token, "/admin/dead-letters?status=replayed").path("dead_letters")).hasSize(1);
            assertThat(broker.postAs(token, "/admin/dead-letters/" + id + "/replay").statusCode())
                    .as("a second replay").isEqualTo(409);
        }
    }

    @Test
    void messagesTheServerCannotOpenAreDeadLetteredAtOnceAndCanBeDiscarded(@TempDir Path dir) throws Exception {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER), IMPATIENT)) {
            // A proxy configured with a sealing key that is not the server's (of the kind a new installation
            // makes, X25519): a real misconfiguration.
            PemFiles.writePublic(dir.resolve("keys/sealing-public.pem"), PemFiles.pem("PUBLIC KEY",
                    KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded()));
            broker.start(Role.WORKER);
            broker.start(Role.PROXY);
            String token = broker.adminToken();
            String id = Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> broker.submit("sealed for the wrong key"), submitted -> submitted != null);

            JsonNode deadLetter = Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> broker.getJson(token, "/admin/dead-letters").path("dead_letters"), d -> d.size() == 1)
                    .get(0);
            assertThat(deadLetter.path("message_id").asString()).isEqualTo(id);
            assertThat(deadLetter.path("reason").asString()).isEqualTo("sealed payload cannot be opened");
            assertThat(deadLetter.path("attempt_count").asInt()).as("rejected on the first attempt").isEqualTo(1);
            assertThat(serverMetrics(broker)).as("counted once: when rejected, not again when reported")
                    .containsPattern(failedCounter("rejected") + "1\\.0")
                    .doesNotContainPattern(failedCounter("max_attempts_exceeded") + "[1-9]");

            HttpResponse<String> replay = broker.postAs(token, "/admin/dead-letters/" + id + "/replay");
            assertThat(replay.statusCode()).isEqualTo(409);
            assertThat(RunningBroker.json(replay).path("detail").asString()).contains("cannot be opened");

            assertThat(broker.postAs(token, "/admin/dead-letters/" + id + "/discard").statusCode()).isEqualTo(200);
            assertThat(broker.getJson(token, "/admin/dead-letters?status=discarded").path("dead_letters")).hasSize(1);
            assertThat(broker.postAs(token, "/admin/dead-letters/no-such-id/discard").statusCode()).isEqualTo(404);
        }
    }

    /** The server's failure counter of the demo client for a reason, up to its value. */
    private static String failedCounter(String reason) {
        return "main_server_messages_failed_total\\{client_id=\"demo-client\",reason=\"" + reason + "\"[^}]*\\} ";
    }

    private static String serverMetrics(RunningBroker broker) {
        return RunningBroker.send(java.net.http.HttpClient.newHttpClient(),
                java.net.http.HttpRequest.newBuilder(broker.metrics(Role.SERVER)).GET()).body();
    }
}
