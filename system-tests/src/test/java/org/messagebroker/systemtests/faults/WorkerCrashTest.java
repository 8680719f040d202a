package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.Failpoints;
import org.messagebroker.systemtests.harness.RoleProcess;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/**
 * A worker process dies holding claimed messages; afterwards every accepted message is stored exactly
 * once. On both queue backends, with a real {@code kill -9} and at the named failpoint between the
 * server's commit and the queue acknowledgement.
 */
@Tag("fault")
@ParameterizedClass
@ValueSource(strings = {"jdbc", "redis"})
class WorkerCrashTest {

    private static final String LEASE = "2s";

    @Parameter
    String queueType;
    @TempDir
    Path dir;
    @TempDir
    Path logs;

    private RunningBroker serverAndProxy() {
        return new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY), queueSettings());
    }

    private Map<String, Object> queueSettings() {
        return Map.of("QUEUE_TYPE", queueType, "REDIS_KEY_PREFIX", "{crash-" + UUID.randomUUID() + "}:",
                "REDIS_ACCEPT_WEAKER_DURABILITY", "true", "WORKER_LEASE", LEASE, "WORKER_BATCH_SIZE", "20");
    }

    private RoleProcess workerProcess(RunningBroker broker, String failpoints, String... more) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("BROKER_FAILPOINTS", failpoints));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return RoleProcess.start("worker", broker, settings, Files.createTempFile(logs, "worker", ".log"));
    }

    private Set<String> submit(RunningBroker broker, int count) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(broker.submit("crash test message " + i));
        }
        return ids;
    }

    @Test
    void aWorkerKilledAfterTheServerCommittedButBeforeItAcknowledgedLeavesNoDuplicate() throws Exception {
        try (RunningBroker broker = serverAndProxy()) {
            Set<String> accepted = submit(broker, 40);
            try (RoleProcess doomed = workerProcess(broker, Failpoints.WORKER_AFTER_COMMIT_BEFORE_ACK)) {
                assertThat(doomed.awaitExit(Duration.ofSeconds(60))).as("died at the failpoint").isEqualTo(137);
            }
            String token = broker.adminToken();
            assertThat(storedIds(broker, token)).as("the batch committed before the crash").isNotEmpty();

            broker.start(Role.WORKER);
            assertExactlyOnce(broker, token, accepted);
        }
    }

    @Test
    void aWorkerKilledWhileDeliveringLosesNothing() throws Exception {
        stopAWorkerMidwayThenFinishWithAnother(RoleProcess::kill);
    }

    @Test
    void aWorkerStoppedWithSigtermStopsPromptlyAndLosesNothing() throws Exception {
        stopAWorkerMidwayThenFinishWithAnother(worker -> assertThat(worker.terminate(Duration.ofSeconds(30)))
                .as("exit status after SIGTERM").isEqualTo(143));
    }

    /** A slow worker process is stopped as soon as it has stored something; another worker finishes. */
    private void stopAWorkerMidwayThenFinishWithAnother(Consumer<RoleProcess> stop) throws Exception {
        try (RunningBroker broker = serverAndProxy()) {
            Set<String> accepted = submit(broker, 300);
            String token = broker.adminToken();
            try (RoleProcess worker = workerProcess(broker, "", "WORKER_BATCH_SIZE", "5", "WORKER_CONCURRENCY", "1")) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> !storedIds(broker, token).isEmpty());
                stop.accept(worker);
            }
            assertThat(storedIds(broker, token).size()).as("messages still outstanding when the worker stopped")
                    .isLessThan(accepted.size());
            broker.start(Role.WORKER);
            assertExactlyOnce(broker, token, accepted);
        }
    }

    private static void assertExactlyOnce(RunningBroker broker, String token, Set<String> accepted) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> storedIds(broker, token).size() >= accepted.size());
        JsonNode first = broker.getJson(token, "/portal/messages?per_page=100");
        assertThat(first.path("pagination").path("total").asLong()).as("rows stored").isEqualTo(accepted.size());
        assertThat(storedIds(broker, token)).isEqualTo(accepted);
    }

    private static Set<String> storedIds(RunningBroker broker, String token) {
        Set<String> ids = new HashSet<>();
        for (int page = 1; ; page++) {
            JsonNode result = broker.getJson(token, "/portal/messages?per_page=100&page=" + page);
            result.path("messages").forEach(m -> ids.add(m.path("message_id").asString()));
            if (page >= result.path("pagination").path("pages").asInt()) {
                return ids;
            }
        }
    }
}
