package org.messagebroker.systemtests.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/** The CI smoke of {@code broker bench}: correctness (everything accepted is stored, a stopped run still reports), never speed. */
class BenchCommandTest {

    @Test
    void everyMessageTheBenchSendsIsAcceptedAndStored(@TempDir Path dir) {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.WORKER, Role.PROXY))) {
            // Two clients: each reads back only its own messages, so the check must ask with the sender's certificate.
            broker.registerClient(broker.adminToken(), "acme");
            String out = CommandRun.broker(0, "bench", "--url", broker.proxy("/").toString(), "--data-dir",
                    dir.toString(), "--client-cert", "demo-client,acme", "--count", "300", "--concurrency", "16",
                    "--end-to-end", "--timeout", "60s");
            JsonNode report = CommandRun.jsonReport(out);
            assertThat(report.path("sent").asInt()).isEqualTo(300);
            assertThat(report.path("accepted").asInt()).isEqualTo(300);
            assertThat(report.path("stored").asInt()).isEqualTo(300);
            assertThat(report.path("not_stored").asInt()).isZero();
            assertThat(report.path("errors").size()).isZero();
            assertThat(report.path("submit_latency_ms").path("p99").asDouble()).isPositive();
            assertThat(report.path("stored_latency_ms").has("p50")).isTrue();
        }
    }

    @Test
    void sigtermEndsARunEarlyWithItsReportAndALedgerLineForEveryRequestSent(@TempDir Path dir) throws Exception {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY))) {
            broker.adminToken();
            Path ledger = dir.resolve("run.ledger");
            Process bench = CommandRun.start(dir.resolve("bench.log"), "bench", "--url", broker.proxy("/").toString(),
                    "--data-dir", dir.toString(), "--rate", "100", "--duration", "10m", "--concurrency", "4",
                    "--ledger", ledger.toString());
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> Files.exists(ledger) && Files.size(ledger) > 0);
                bench.destroy();
                assertThat(bench.waitFor(30, TimeUnit.SECONDS)).as("stopped long before its 10 minutes").isTrue();
            } finally {
                bench.destroyForcibly();
            }
            JsonNode report = CommandRun.jsonReport(Files.readString(dir.resolve("bench.log")));
            assertThat(report.path("sent").asInt()).isPositive();
            assertThat(Files.readAllLines(ledger)).as("one closed line per request sent").hasSize(report.path("sent").asInt())
                    .allSatisfy(line -> assertThat(line).endsWith("}"));
        }
    }

    @Test
    void aFixedRateRunWithoutKeepAliveReportsItsTarget(@TempDir Path dir) {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.WORKER, Role.PROXY))) {
            broker.adminToken();
            String out = CommandRun.broker(0, "bench", "--url", broker.proxy("/").toString(), "--data-dir",
                    dir.toString(), "--count", "100", "--rate", "200", "--no-keep-alive");
            JsonNode report = CommandRun.jsonReport(out);
            assertThat(report.path("accepted").asInt()).isEqualTo(100);
            assertThat(report.path("errors").size()).isZero();
            assertThat(report.path("rate_target").asDouble()).isEqualTo(200.0);
            assertThat(report.path("keep_alive").asBoolean()).isFalse();
            // 100 messages at 200/s cannot take less than half a second: the pacing is real.
            assertThat(report.path("seconds").asDouble()).isGreaterThanOrEqualTo(0.49);
        }
    }
}
