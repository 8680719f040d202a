package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.messagebroker.systemtests.harness.ProcessCluster;

/**
 * The random nemesis (reliability.md §3.3): under one load, faults drawn from a seeded random source —
 * which role, which fault, how long a freeze, how long between faults — then the checker. Every run
 * draws a new seed unless {@code -Dbroker.fault.seed=N} is given; the seed is in the report and in every
 * failure message, so a failing run is replayed with the same faults in the same order (the moments
 * shift with how fast the roles restart). Runs with scripts/fault-suite.sh, not in every build.
 */
@Tag("fault")
@Tag("fault-full")
@ParameterizedClass
@ValueSource(strings = {"embedded", "jdbc", "redis"})
class RandomFaultsTest {

    private static final List<String> ROLES = List.of("proxy", "server", "worker", "worker-2");
    /** How long new faults come; the last one may then take its time to recover. */
    private static final Duration FAULTS_FOR = Duration.ofSeconds(34);
    /** No fault in the load's last seconds, so that the last restart is measured too. */
    private static final Duration CALM_END = Duration.ofSeconds(12);

    @Parameter
    String queueType;
    @TempDir
    Path dir;
    @TempDir
    Path work;

    @Test
    void faultsAtRandomMomentsLoseNothing() throws Exception {
        long seed = Long.getLong("broker.fault.seed", new Random().nextLong());
        try {
            runWithFaultsFrom(new Random(seed), seed);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("random faults with seed " + seed + " failed; replay the same faults with"
                    + " -Dbroker.fault.seed=" + seed, e);
        }
    }

    private void runWithFaultsFrom(Random random, long seed) throws Exception {
        try (FaultHarness harness = new FaultHarness(queueType, dir, work, "random faults, seed " + seed);
                ProcessCluster cluster = harness.cluster()) {
            cluster.start("worker-2", "worker", Map.of());
            Path ledger = harness.underLoad(cluster, CALM_END, () -> {
                long end = System.nanoTime() + FAULTS_FOR.toNanos();
                int faults = 0;
                while (System.nanoTime() < end) {
                    Thread.sleep(500 + random.nextInt(4_000));
                    String role = ROLES.get(random.nextInt(ROLES.size()));
                    int kind = random.nextInt(role.startsWith("worker") ? 3 : 2);
                    harness.record(String.format("%-5s seed %d fault %d: %s %s", queueType, seed, ++faults,
                            List.of("kill -9", "SIGTERM", "SIGSTOP").get(kind), role));
                    inject(harness, cluster, role, kind, random);
                }
            });
            harness.assertNothingLost(cluster, ledger);
        }
    }

    /** One fault on {@code role}: kill -9 or SIGTERM and a restart, or (for workers) a freeze of 1–3 leases. */
    private static void inject(FaultHarness harness, ProcessCluster cluster, String role, int kind, Random random)
            throws Exception {
        switch (kind) {
            case 0 -> harness.back(cluster, role, () -> cluster.get(role).kill());
            case 1 -> harness.back(cluster, role, () -> assertThat(cluster.get(role).terminate(Duration.ofSeconds(60)))
                    .as(role + " exit status after SIGTERM").isEqualTo(143));
            default -> harness.freeze(cluster, role, 1 + random.nextDouble() * 2);
        }
    }
}
