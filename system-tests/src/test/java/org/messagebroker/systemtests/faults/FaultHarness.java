package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.CpuHog;
import org.messagebroker.systemtests.harness.ProcessCluster;
import tools.jackson.databind.JsonNode;

/**
 * What every fault scenario does (reliability.md §3): start the roles as separate processes on one
 * queue backend, run a ledger-keeping load with a fault in the middle, and reconcile with
 * {@code broker check}. Two busy loops compete for the CPU from the start of the load to the end (the faults,
 * the restarts and the drain): crashes bite when the machine is busy. The roles' first start comes before
 * them, as set-up, not as part of a scenario. Each scenario's figures go to target/fault-suite.txt for
 * scripts/fault-suite.sh.
 */
final class FaultHarness implements AutoCloseable {

    static final String LEASE = "3s";

    private final String queueType;
    private final Path dir;
    private final Path work;
    private final String scenario;
    private final String queueDatabase = "fault_" + UUID.randomUUID().toString().replace("-", "");
    private CpuHog hog;

    /**
     * {@code dir} is the data directory; {@code work} holds the ledgers, away from it: the certificate
     * watcher waits for a quiet moment in the directories it watches, and a ledger never gives it one.
     */
    FaultHarness(String queueType, Path dir, Path work, String scenario) {
        this.queueType = queueType;
        this.dir = dir;
        this.work = work;
        this.scenario = scenario;
    }

    ProcessCluster cluster() {
        return cluster(Map.of());
    }

    /**
     * Server (its embedded SQLite database), proxy and worker, on the queue backend under test: {@code
     * jdbc} (PostgreSQL), {@code redis}, or {@code embedded} (the SQLite queue file of the data directory,
     * shared by the separate processes).
     */
    ProcessCluster cluster(Map<String, ?> more) {
        return cluster(more, List.of());
    }

    /** The cluster, with more roles started alongside its worker and proxy. */
    ProcessCluster cluster(Map<String, ?> more, List<ProcessCluster.Launch> alongside) {
        Map<String, Object> settings = new HashMap<>(more);
        settings.putAll(Map.of("QUEUE_TYPE", queueType.equals("embedded") ? "jdbc" : queueType,
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
        List<ProcessCluster.Launch> launches = new ArrayList<>(List.of(
                new ProcessCluster.Launch("worker", "worker", Map.of()), new ProcessCluster.Launch("proxy", "proxy", Map.of())));
        launches.addAll(alongside);
        cluster.startTogether(launches);
        return cluster;
    }

    /**
     * The embedded default as users run it: {@code broker run all} as one process on SQLite, its lease at
     * the default (60 s), so that recovery has to come from the restart and not from a lease running out.
     */
    ProcessCluster embedded() {
        ProcessCluster cluster = new ProcessCluster(dir, Map.of());
        cluster.start("all", "all", Map.of());
        return cluster;
    }

    /**
     * A fixed-rate load with a ledger whose client retries (same Idempotency-Key) what got no answer, a
     * 429 or a 5xx, for up to {@code retries} attempts a second or so apart, as a careful client would;
     * it runs until stopped.
     */
    BackgroundLoad retryingLoad(ProcessCluster cluster, int rate, int retries) {
        busy();
        return BackgroundLoad.start(cluster, dir, work, "crash", rate, retries);
    }

    /**
     * Runs a fixed-rate load with a ledger; the fault happens a few seconds in, and the load goes on for
     * {@code after} once the fault (restarts included) is over. Answers the ledger.
     */
    Path underLoad(ProcessCluster cluster, Duration after, Fault fault) throws Exception {
        busy();
        try (BackgroundLoad load = BackgroundLoad.start(cluster, dir, work, "fault", 50, 0)) {
            Thread.sleep(4_000);
            fault.inject();
            Thread.sleep(after.toMillis());
            return load.stop();
        }
    }

    /** Starts the two busy loops (once). */
    private void busy() {
        if (hog == null) {
            hog = CpuHog.start(2);
        }
    }

    /** A single request with a ledger, answering the ledger. */
    Path sendOne(ProcessCluster cluster) {
        Path ledger = work.resolve("one.ledger");
        busy();
        CommandRun.broker(0, "bench", "--url", cluster.broker().proxy("/").toString(), "--data-dir", dir.toString(),
                "--count", "1", "--concurrency", "1", "--run-id", "one", "--ledger", ledger.toString());
        return ledger;
    }

    void assertNothingLost(ProcessCluster cluster, Path ledger, String... checkOptions) {
        JsonNode report = check(ledger, checkOptions);
        String figures = scenario + ": " + report;
        assertThat(report.path("acked").asInt()).as("messages accepted under the fault").isGreaterThan(100);
        assertThat(report.path("lost").asInt()).as(figures).isZero();
        assertThat(report.path("duplicates").asInt()).as(figures).isZero();
        assertThat(report.path("unexpected").asInt()).as(figures).isZero();
        assertThat(report.path("integrity_failures").asInt()).as(figures).isZero();
    }

    JsonNode check(Path ledger, String... options) {
        long started = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("check", "--ledger", ledger.toString(), "--data-dir", dir.toString(),
                "--timeout", "120s"));
        args.addAll(List.of(options));
        JsonNode report = CommandRun.jsonReport(CommandRun.broker(0, args.toArray(String[]::new)));
        // The figures, and how long the backlog took to drain after the load.
        record(String.format("%-5s %-75s %s drain %.1fs", queueType, scenario, report, (System.nanoTime() - started) / 1e9));
        return report;
    }

    /** Stops a role, starts it again and reports how long it was away. */
    void back(ProcessCluster cluster, String name, Fault stop) throws Exception {
        long stopped = System.nanoTime();
        stop.inject();
        cluster.start(name, name.startsWith("worker") ? "worker" : name, Map.of());
        record(String.format("%-5s %s back in service after %.1fs", queueType, name, (System.nanoTime() - stopped) / 1e9));
    }

    /** Freezes a role for {@code leases} times its lease, then thaws it. */
    void freeze(ProcessCluster cluster, String name, double leases) throws InterruptedException {
        cluster.get(name).pause();
        Thread.sleep((long) (Duration.parse("PT" + LEASE).toMillis() * leases));
        cluster.get(name).resume();
    }

    /** A line of the suite's report, collected in target/fault-suite.txt. */
    void record(String line) {
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "fault-suite.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String queueType() {
        return queueType;
    }

    @Override
    public void close() {
        if (hog != null) {
            hog.close();
        }
        if (queueType.equals("jdbc")) {
            TestDatabase.POSTGRESQL.drop(queueDatabase);
        }
    }

    @FunctionalInterface
    interface Fault {
        void inject() throws Exception;
    }
}
