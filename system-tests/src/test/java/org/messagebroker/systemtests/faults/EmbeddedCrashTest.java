package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.systemtests.harness.ProcessCluster;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default as a new user runs it — {@code broker run all} on its own SQLite database and queue
 * — killed -9 three times under a ledger-keeping load whose client retries with the same Idempotency-Key,
 * while two busy loops compete for both cores. Every 202 must be stored exactly once, and what was claimed
 * when the process died must be delivered after the restart without waiting for its 60-second lease.
 * (Before the embedded store was SQLite, H2 lost the commits made once its database had been open for
 * about 45 s: the first kill comes later than that.)
 */
@Tag("fault")
class EmbeddedCrashTest {

    private static final Duration FIRST_KILL = Duration.ofSeconds(50);

    @TempDir
    Path dir;
    @TempDir
    Path work;

    @Test
    void everyAcceptedMessageSurvivesRepeatedKillsOfRunAllOnABusyMachine() throws Exception {
        long seed = Long.getLong("broker.fault.seed", new Random().nextLong());
        Random random = new Random(seed);
        try (FaultHarness harness = new FaultHarness("embedded", dir, work, "run all killed -9 three times, seed " + seed);
                ProcessCluster cluster = harness.embedded()) {
            Path ledger;
            try (BackgroundLoad load = harness.retryingLoad(cluster, 40, 150)) {
                Thread.sleep(FIRST_KILL.toMillis());
                for (int kill = 1; kill <= 3; kill++) {
                    harness.back(cluster, "all", () -> cluster.get("all").kill());
                    Thread.sleep(4_000 + random.nextInt(6_000)); // load on the restarted process before what comes next
                }
                ledger = load.stop();
            }
            JsonNode report = harness.check(ledger);
            String figures = "seed " + seed + ": " + report;
            assertThat(report.path("acked").asInt()).as(figures).isGreaterThan(1_000);
            assertThat(report.path("lost").asInt()).as(figures).isZero();
            assertThat(report.path("duplicates").asInt()).as(figures).isZero();
            assertThat(report.path("conflicting_acks").asInt()).as(figures).isZero();
            assertThat(report.path("unexpected").asInt()).as(figures).isZero();
            assertThat(report.path("integrity_failures").asInt()).as(figures).isZero();
            assertThat(report.path("waited_seconds").asDouble()).as("claims of the killed process came back with the"
                    + " restart, not after their 60 s lease: " + figures).isLessThan(30);
        }
    }
}
