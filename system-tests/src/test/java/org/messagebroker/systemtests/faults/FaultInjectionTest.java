package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.messagebroker.core.Failpoints;
import org.messagebroker.systemtests.harness.PresentedCertificate;
import org.messagebroker.systemtests.harness.PrivateMariaDb;
import org.messagebroker.systemtests.harness.ProcessCluster;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/**
 * The fault suite (reliability.md §3): every role a separate process, a ledger-keeping load at a fixed
 * rate, faults in the middle of it, then {@code broker check} over everything stored: lost = duplicates
 * = unexpected = 0, on every queue backend: the embedded SQLite file shared by the processes, the JDBC
 * queue on PostgreSQL, and Redis; two busy loops take the CPU meanwhile. CI runs the sequence of faults
 * under one load; the scenarios
 * one by one (tag {@code fault-full}) run with {@code scripts/fault-suite.sh}. {@link CheckCommandTest} and
 * {@link RedisOutageTest} show the checker failing on known-bad set-ups.
 */
@Tag("fault")
@ParameterizedClass
@ValueSource(strings = {"embedded", "jdbc", "redis"})
class FaultInjectionTest {

    /** How long the load goes on once the last fault is over (its role back in service). */
    private static final Duration AFTER_THE_FAULTS = Duration.ofSeconds(5);

    @Parameter
    String queueType;
    @TempDir
    Path dir;
    @TempDir
    Path work;
    private FaultHarness harness;

    @BeforeEach
    void start(TestInfo test) {
        harness = new FaultHarness(queueType, dir, work, test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** The CI tier: one load, the faults one after another (reliability.md's "mixed nemesis"). */
    @Test
    void aSequenceOfFaultsUnderOneLoadLosesNothing() throws Exception {
        try (ProcessCluster cluster = harness.cluster(Map.of(), List.of(new ProcessCluster.Launch("worker-2", "worker",
                Map.of())))) {
            harness.assertNothingLost(cluster, harness.underLoad(cluster, AFTER_THE_FAULTS, () -> {
                harness.back(cluster, "proxy", () -> cluster.get("proxy").kill());
                harness.back(cluster, "server", () -> cluster.get("server").kill());
                harness.freeze(cluster, "worker", 2);
                harness.back(cluster, "worker-2", () -> assertThat(cluster.get("worker-2").terminate(Duration.ofSeconds(60)))
                        .isEqualTo(143));
            }));
        }
    }

    @Test
    @Tag("fault-full")
    void theProxyKilledUnderLoadAndRestartedLosesNothingItAccepted() throws Exception {
        try (ProcessCluster cluster = harness.cluster()) {
            harness.assertNothingLost(cluster, harness.underLoad(cluster, AFTER_THE_FAULTS,
                    () -> harness.back(cluster, "proxy", () -> cluster.get("proxy").kill())));
        }
    }

    @Test
    @Tag("fault-full")
    void theServerKilledUnderLoadAndRestartedLosesNothing() throws Exception {
        try (ProcessCluster cluster = harness.cluster()) {
            harness.assertNothingLost(cluster, harness.underLoad(cluster, AFTER_THE_FAULTS,
                    () -> harness.back(cluster, "server", () -> cluster.get("server").kill())));
        }
    }

    @Test
    @Tag("fault-full")
    void aWorkerFrozenLongerThanItsLeaseThenThawedCausesNoDuplicate() throws Exception {
        try (ProcessCluster cluster = harness.cluster()) {
            cluster.start("worker-2", "worker", Map.of());
            harness.assertNothingLost(cluster, harness.underLoad(cluster, AFTER_THE_FAULTS, () -> {
                harness.freeze(cluster, "worker", 2);
            }));
        }
    }

    @Test
    @Tag("fault-full")
    void everyRoleStoppedWithSigtermUnderLoadAndRestartedLosesNothing() throws Exception {
        try (ProcessCluster cluster = harness.cluster()) {
            harness.assertNothingLost(cluster, harness.underLoad(cluster, AFTER_THE_FAULTS, () -> {
                for (String role : new String[] {"worker", "server", "proxy"}) {
                    harness.back(cluster, role, () -> assertThat(cluster.get(role).terminate(Duration.ofSeconds(60)))
                            .as(role + " exit status").isEqualTo(143));
                }
            }));
        }
    }

    @Test
    @Tag("fault-full")
    void theServersDatabaseStoppedForAMinuteUnderLoadLosesNothing() throws Exception {
        try (PrivateMariaDb database = new PrivateMariaDb(dir.resolve("mariadb"), RunningBroker.freePort());
                ProcessCluster cluster = harness.cluster(Map.of("DB_URL", database.url("broker"), "DB_USERNAME", "root"))) {
            Path ledger = harness.underLoad(cluster, AFTER_THE_FAULTS, () -> {
                database.stop();
                Thread.sleep(60_000);
                long restarted = System.nanoTime();
                database.start();
                harness.record(String.format("%-5s database back after 60 s down; up in %.1fs", queueType,
                        (System.nanoTime() - restarted) / 1e9));
            });
            harness.assertNothingLost(cluster, ledger, "--db-url", database.url("broker"), "--db-username", "root");
        }
    }

    @Test
    @Tag("fault-full")
    void theServersAndProxysCertificatesRotatedUnderLoadLoseNothing() throws Exception {
        try (ProcessCluster cluster = harness.cluster()) {
            RunningBroker broker = cluster.broker();
            String token = broker.adminToken();
            Map<URI, BigInteger> expected = new LinkedHashMap<>();
            harness.assertNothingLost(cluster, harness.underLoad(cluster, AFTER_THE_FAULTS, () -> {
                for (String component : new String[] {"server", "proxy"}) {
                    BigInteger serial = broker.rotateComponentCertificate(token, component);
                    List<URI> ports = component.equals("server") ? List.of(broker.server("/"), broker.internal("/"))
                            : List.of(broker.proxy("/"));
                    ports.forEach(port -> expected.put(port, serial));
                    Thread.sleep(3_000);
                }
            }));
            expected.forEach((port, serial) -> assertThat(PresentedCertificate.serial(dir, port))
                    .as("the certificate presented on port %d", port.getPort()).isEqualTo(serial));
        }
    }

    @Test
    @Tag("fault-full")
    void theProxyDyingBetweenEnqueueAndAnswerLeavesAMessageThatIsStoredNotLost() throws Exception {
        try (ProcessCluster cluster = harness.cluster()) {
            cluster.get("proxy").terminate(Duration.ofSeconds(60));
            cluster.start("proxy", "proxy", Map.of("BROKER_FAILPOINTS", Failpoints.PROXY_AFTER_ENQUEUE_BEFORE_RESPONSE));
            Path ledger = harness.sendOne(cluster);
            assertThat(cluster.get("proxy").awaitExit(Duration.ofSeconds(30))).as("died at the failpoint").isEqualTo(137);
            // Nothing was acknowledged, so the checker has nothing to wait for: wait here for the delivery.
            JsonNode report = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> harness.check(ledger), r -> r.path("recovered").asInt() == 1);
            assertThat(report.path("acked").asInt()).isZero();
            assertThat(report.path("lost").asInt()).isZero();
        }
    }
}
