package org.messagebroker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.core.tls.PemFiles;
import tools.jackson.databind.JsonNode;

/**
 * The fault suite (reliability.md §3): every role a separate process, a ledger-keeping load at a fixed
 * rate, faults in the middle of it, then {@code broker check} over everything stored: lost = duplicates
 * = unexpected = 0, on both queue backends. CI runs the sequence of faults under one load; the scenarios
 * one by one (tag {@code fault-full}) run with {@code scripts/fault-suite.sh}. {@link CheckCommandTest} and
 * {@link RedisOutageTest} show the checker failing on known-bad set-ups.
 */
@Tag("fault")
@ParameterizedClass
@ValueSource(strings = {"jdbc", "redis"})
class FaultInjectionTest {

    private static final String LEASE = "3s";

    @Parameter
    String queueType;
    @TempDir
    Path dir;
    /**
     * The test's own files (ledgers), away from the data directory: the certificate watcher waits for a
     * quiet moment in the directories it watches, and a ledger written to all the time never gives it one.
     */
    @TempDir
    Path work;

    private String scenario;
    private final String queueDatabase = "fault_" + UUID.randomUUID().toString().replace("-", "");

    /**
     * Server (embedded H2, its own), proxy and worker. The JDBC queue of separate processes lives in
     * PostgreSQL: the embedded H2 queue is for one {@code run all} process, and a frozen process hosting
     * it would freeze the others.
     */
    private ProcessCluster cluster() {
        return cluster(Map.of());
    }

    private ProcessCluster cluster(Map<String, ?> more) {
        Map<String, Object> settings = new HashMap<>(more);
        settings.putAll(Map.of("QUEUE_TYPE", queueType,
                "REDIS_KEY_PREFIX", "{fault-" + UUID.randomUUID() + "}:", "REDIS_ACCEPT_WEAKER_DURABILITY", "true",
                "WORKER_LEASE", LEASE, "WORKER_RETRY_INTERVAL", "1s", "WORKER_TIMEOUT", "5s"));
        if (queueType.equals("jdbc")) {
            TestDatabase.POSTGRESQL.dataSource(queueDatabase).close();
            settings.putAll(Map.of("QUEUE_JDBC_URL", TestDatabase.POSTGRESQL.url(queueDatabase),
                    "QUEUE_JDBC_USERNAME", TestDatabase.POSTGRESQL.user(),
                    "QUEUE_JDBC_PASSWORD", TestDatabase.POSTGRESQL.password()));
        }
        ProcessCluster cluster = new ProcessCluster(dir, settings);
        cluster.start("server");
        cluster.startTogether("worker", "proxy");
        return cluster;
    }

    @BeforeEach
    void nameTheScenario(TestInfo test) {
        scenario = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void dropQueueDatabase() {
        if (queueType.equals("jdbc")) {
            TestDatabase.POSTGRESQL.drop(queueDatabase);
        }
    }

    /** The CI tier: one load, the faults one after another (reliability.md's "mixed nemesis"). */
    @Test
    void aSequenceOfFaultsUnderOneLoadLosesNothing() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            cluster.start("worker-2", "worker", Map.of());
            assertNothingLost(cluster, underLoad(cluster, "45s", () -> {
                back(cluster, "proxy", () -> cluster.get("proxy").kill());
                back(cluster, "server", () -> cluster.get("server").kill());
                cluster.get("worker").pause();
                Thread.sleep(Duration.parse("PT" + LEASE).toMillis() * 2);
                cluster.get("worker").resume();
                back(cluster, "worker-2", () -> assertThat(cluster.get("worker-2").terminate(Duration.ofSeconds(60)))
                        .isEqualTo(143));
            }));
        }
    }

    @Test
    @Tag("fault-full")
    void theProxyKilledUnderLoadAndRestartedLosesNothingItAccepted() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            assertNothingLost(cluster, underLoad(cluster, "25s", () -> {
                cluster.get("proxy").kill();
                cluster.start("proxy");
            }));
        }
    }

    @Test
    @Tag("fault-full")
    void theServerKilledUnderLoadAndRestartedLosesNothing() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            assertNothingLost(cluster, underLoad(cluster, "25s", () -> {
                cluster.get("server").kill();
                cluster.start("server");
            }));
        }
    }

    @Test
    @Tag("fault-full")
    void aWorkerFrozenLongerThanItsLeaseThenThawedCausesNoDuplicate() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            cluster.start("worker-2", "worker", Map.of());
            assertNothingLost(cluster, underLoad(cluster, "25s", () -> {
                cluster.get("worker").pause();
                Thread.sleep(Duration.parse("PT" + LEASE).toMillis() * 2);
                cluster.get("worker").resume();
            }));
        }
    }

    @Test
    @Tag("fault-full")
    void everyRoleStoppedWithSigtermUnderLoadAndRestartedLosesNothing() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            assertNothingLost(cluster, underLoad(cluster, "25s", () -> {
                for (String role : new String[] {"worker", "server", "proxy"}) {
                    assertThat(cluster.get(role).terminate(Duration.ofSeconds(60))).as(role + " exit status").isEqualTo(143);
                    cluster.start(role);
                }
            }));
        }
    }

    @Test
    @Tag("fault-full")
    void theServersDatabaseStoppedForAMinuteUnderLoadLosesNothing() throws Exception {
        try (PrivateMariaDb database = new PrivateMariaDb(dir.resolve("mariadb"), RunningBroker.freePort());
                ProcessCluster cluster = cluster(Map.of("DB_URL", database.url("broker"), "DB_USERNAME", "root"))) {
            Path ledger = underLoad(cluster, "80s", () -> {
                database.stop();
                Thread.sleep(60_000);
                long restarted = System.nanoTime();
                database.start();
                record(String.format("%-5s database back after 60 s down; up in %.1fs", queueType,
                        (System.nanoTime() - restarted) / 1e9));
            });
            assertNothingLost(cluster, ledger, "--db-url", database.url("broker"), "--db-username", "root");
        }
    }

    @Test
    @Tag("fault-full")
    void theServersAndProxysCertificatesRotatedUnderLoadLoseNothing() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            RunningBroker broker = cluster.broker();
            String token = broker.adminToken();
            Map<URI, BigInteger> expected = new LinkedHashMap<>();
            assertNothingLost(cluster, underLoad(cluster, "25s", () -> {
                for (String component : new String[] {"server", "proxy"}) {
                    JsonNode issued = RunningBroker.json(broker.postJsonAs(token, "/admin/certificates/component",
                            "{\"name\":\"" + component + "\",\"dns_names\":[\"localhost\"],\"ip_addresses\":[\"127.0.0.1\"]}"));
                    PemFiles.writeOwnerOnly(dir.resolve("tls/" + component + ".key"), issued.path("private_key").asString());
                    PemFiles.writePublic(dir.resolve("tls/" + component + ".crt"), issued.path("certificate").asString());
                    BigInteger serial = PemFiles.parseCertificate(issued.path("certificate").asString()).getSerialNumber();
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
        try (ProcessCluster cluster = cluster()) {
            cluster.get("proxy").terminate(Duration.ofSeconds(60));
            cluster.start("proxy", "proxy", Map.of("BROKER_FAILPOINTS", Failpoints.PROXY_AFTER_ENQUEUE_BEFORE_RESPONSE));
            Path ledger = work.resolve("failpoint.ledger");
            CommandRun.broker(0, "bench", "--url", cluster.broker().proxy("/").toString(), "--data-dir", dir.toString(),
                    "--count", "1", "--concurrency", "1", "--run-id", "failpoint", "--ledger", ledger.toString());
            assertThat(cluster.get("proxy").awaitExit(Duration.ofSeconds(30))).as("died at the failpoint").isEqualTo(137);
            // Nothing was acknowledged, so the checker has nothing to wait for: wait here for the delivery.
            JsonNode report = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> check(cluster, ledger), r -> r.path("recovered").asInt() == 1);
            assertThat(report.path("acked").asInt()).isZero();
            assertThat(report.path("lost").asInt()).isZero();
        }
    }

    /** Runs a fixed-rate load with a ledger; the fault happens a few seconds in. Answers the ledger. */
    private Path underLoad(ProcessCluster cluster, String duration, Fault fault) throws Exception {
        Path ledger = work.resolve("load.ledger");
        CompletableFuture<String> load = CompletableFuture.supplyAsync(() -> CommandRun.broker(0, "bench",
                "--url", cluster.broker().proxy("/").toString(), "--data-dir", dir.toString(), "--rate", "50",
                "--duration", duration, "--count", "100000", "--concurrency", "8", "--run-id", "fault",
                "--ledger", ledger.toString()));
        Thread.sleep(4_000);
        fault.inject();
        load.get();
        return ledger;
    }

    private void assertNothingLost(ProcessCluster cluster, Path ledger, String... checkOptions) {
        JsonNode report = check(cluster, ledger, checkOptions);
        assertThat(report.path("acked").asInt()).as("messages accepted under the fault").isGreaterThan(100);
        assertThat(report.path("lost").asInt()).as(report.toString()).isZero();
        assertThat(report.path("duplicates").asInt()).as(report.toString()).isZero();
        assertThat(report.path("unexpected").asInt()).as(report.toString()).isZero();
        assertThat(report.path("integrity_failures").asInt()).as(report.toString()).isZero();
    }

    private JsonNode check(ProcessCluster cluster, Path ledger, String... options) {
        long started = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("check", "--ledger", ledger.toString(), "--data-dir", dir.toString(),
                "--timeout", "120s"));
        args.addAll(List.of(options));
        String out = CommandRun.broker(0, args.toArray(String[]::new));
        JsonNode report = RunningBroker.JSON.readTree(out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        // For scripts/fault-suite.sh: the figures, and how long the backlog took to drain after the load.
        record(String.format("%-5s %-75s %s drain %.1fs", queueType, scenario, report, (System.nanoTime() - started) / 1e9));
        return report;
    }

    /** Stops a role, starts it again and reports how long it was away. */
    private void back(ProcessCluster cluster, String name, Fault stop) throws Exception {
        long stopped = System.nanoTime();
        stop.inject();
        cluster.start(name, name.startsWith("worker") ? "worker" : name, Map.of());
        record(String.format("%-5s %s back in service after %.1fs", queueType, name, (System.nanoTime() - stopped) / 1e9));
    }

    /** A line of the suite's report, collected in target/fault-suite.txt for scripts/fault-suite.sh. */
    private static void record(String line) {
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "fault-suite.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Fault {
        void inject() throws Exception;
    }
}
