package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.PrivateRedis;
import org.messagebroker.systemtests.harness.RunningBroker;

/**
 * A Redis of the test's own, crashed with SIGKILL and restarted: what was accepted survives (AOF,
 * fsync on every write), and while Redis is down the proxy answers 503, never 202. The negative control
 * runs the same crash on a Redis without AOF and shows the checker of the fault suites reporting the loss.
 */
@Tag("fault")
class RedisOutageTest {

    @TempDir
    Path dir;
    private final int port = RunningBroker.freePort();

    @Test
    void acceptedMessagesSurviveARedisCrashAndTheProxyRefusesWhileItIsDown() throws Exception {
        Process redis = startRedis(true);
        try (RunningBroker broker = new RunningBroker(dir.resolve("broker"), List.of(Role.values()), onRedis())) {
            broker.stop(Role.WORKER);
            Set<String> accepted = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                accepted.add(broker.submit("before the crash " + i));
            }

            redis.destroyForcibly().waitFor();
            HttpResponse<String> refused = RunningBroker.send(broker.client("demo-client"),
                    RunningBroker.postJson(broker.proxy("/api/v1/messages"),
                            "{\"sender_number\":\"+4915200000000\",\"message_body\":\"while Redis is down\"}"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(RunningBroker.json(refused).path("error").asString()).isEqualTo("service_unavailable");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();

            redis = startRedis(true);
            accepted.add(Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> broker.submit("after the restart"), id -> id != null));
            broker.start(Role.WORKER);
            String token = broker.adminToken();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> broker.getJson(token, "/portal/messages?per_page=1").path("pagination").path("total")
                            .asLong() >= accepted.size());
            Set<String> stored = new HashSet<>();
            broker.getJson(token, "/portal/messages?per_page=100").path("messages")
                    .forEach(m -> stored.add(m.path("message_id").asString()));
            assertThat(stored).isEqualTo(accepted);
        } finally {
            redis.destroyForcibly().waitFor();
        }
    }

    @Test
    void whileRedisIsDownTheWorkersBackOffWarnOnceAndResumeWhenItIsBack() throws Exception {
        Process redis = startRedis(true);
        try (RunningBroker broker = new RunningBroker(dir.resolve("broker"), List.of(Role.values()), onRedis())) {
            redis.destroyForcibly().waitFor();
            Thread.sleep(6_000);
            redis = startRedis(true);
            String id = Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> broker.submit("after Redis came back"), submitted -> submitted != null);
            broker.awaitDelivered(broker.adminToken(), id);
        } finally {
            redis.destroyForcibly().waitFor();
        }
        // Four delivery loops polling every 200 ms used to log a warning at every poll.
        List<String> log = Files.readAllLines(dir.resolve("broker/logs/server.log"));
        assertThat(log.stream().filter(line -> line.contains("The queue cannot be reached"))).hasSize(1);
        assertThat(log.stream().filter(line -> line.contains("The queue answers again"))).hasSize(1);
    }

    @Test
    void negativeControlWithoutAofTheSameCrashLosesWhatWasAcceptedAndTheCheckerSaysSo() throws Exception {
        Process redis = startRedis(false);
        Path data = dir.resolve("broker");
        Map<String, Object> settings = new HashMap<>(onRedis());
        settings.put("REDIS_ACCEPT_WEAKER_DURABILITY", "true");
        try (RunningBroker broker = new RunningBroker(data, List.of(Role.SERVER, Role.PROXY), settings)) {
            broker.adminToken();
            Path ledger = dir.resolve("ledger");
            CommandRun.broker(0, "bench", "--url", broker.proxy("/").toString(), "--data-dir", data.toString(),
                    "--count", "40", "--concurrency", "4", "--run-id", "noaof", "--ledger", ledger.toString());

            redis.destroyForcibly().waitFor();
            redis = startRedis(false);
            broker.start(Role.WORKER);
            String report = CommandRun.broker(1, "check", "--ledger", ledger.toString(), "--data-dir", data.toString(),
                    "--timeout", "5s");
            assertThat(CommandRun.jsonReport(report)
                    .path("lost").asInt()).as(report).isEqualTo(40);
        } finally {
            redis.destroyForcibly().waitFor();
        }
    }

    private Map<String, Object> onRedis() {
        return Map.of("QUEUE_TYPE", "redis", "REDIS_PORT", port, "REDIS_TIMEOUT", "1s");
    }

    /** Starts (or restarts, on the same files) this test's Redis. */
    private Process startRedis(boolean appendOnly) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1"));
        arguments.addAll(appendOnly ? List.of("--appendonly", "yes", "--appendfsync", "always")
                : List.of("--appendonly", "no"));
        return PrivateRedis.start(Files.createDirectories(dir.resolve("redis")), arguments, port);
    }
}
