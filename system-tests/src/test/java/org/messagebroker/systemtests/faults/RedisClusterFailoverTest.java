package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.BrokerCommand;
import org.messagebroker.cli.run.Role;
import org.messagebroker.queue.redis.LocalRedisCluster;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/**
 * The loss of a Redis Cluster primary under a ledger-keeping load: its replica, cut off from it for a
 * while, takes over after {@code kill -9}. With REDIS_MIN_REPLICAS=1 the proxy gave no 202 the replica did
 * not have and {@code broker check} finds nothing lost; without it (the negative control) the checker
 * reports exactly the messages accepted while the replica lagged.
 */
@Tag("fault")
class RedisClusterFailoverTest {

    @TempDir
    Path dir;

    @Test
    void withAReplicaConfirmingEach202NothingAcceptedIsLostWithThePrimary() {
        List<JsonNode> reports = loseThePrimaryUnderLoad(1);
        assertThat(reports.get(0).path("acked").asInt()).as(reports.toString()).isEqualTo(30);
        assertThat(reports.get(1).path("acked").asInt()).as("no 202 while the replica lagged").isZero();
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.path("lost").asInt()).isZero();
            assertThat(report.path("duplicates").asInt()).isZero();
        });
    }

    @Test
    void negativeControlWithoutWaitingTheMessagesAcceptedWhileTheReplicaLaggedAreLost() {
        List<JsonNode> reports = loseThePrimaryUnderLoad(0);
        assertThat(reports.get(0).path("lost").asInt()).as(reports.toString()).isZero();
        assertThat(reports.get(1).path("acked").asInt()).isEqualTo(20);
        assertThat(reports.get(1).path("lost").asInt()).as("the checker sees the loss").isEqualTo(20);
    }

    /**
     * Sends 30, cuts the replica off, sends 20 more, kills the primary, lets the replica take over; answers
     * the checker's report of each phase.
     */
    private List<JsonNode> loseThePrimaryUnderLoad(int minReplicas) {
        Path data = dir.resolve("broker");
        try (LocalRedisCluster cluster = new LocalRedisCluster();
                RunningBroker broker = new RunningBroker(data, List.of(Role.SERVER, Role.PROXY), Map.of(
                        "QUEUE_TYPE", "redis", "REDIS_CLUSTER_NODES", cluster.nodes(), "REDIS_PARTITIONS", 6,
                        "REDIS_MIN_REPLICAS", minReplicas, "REDIS_REPLICA_TIMEOUT", "300ms", "REDIS_TIMEOUT", "1s"))) {
            broker.adminToken();
            bench(broker, data, dir.resolve("before"), "before", 30);
            // demo-client's partition: {broker-k}: with k from its id, as the proxy picks it.
            int partition = Math.floorMod("demo-client".hashCode(), 6);
            LocalRedisCluster.Primary primary = cluster.primaryOf("{broker-" + partition + "}:messages");
            cluster.cutOffReplica(primary);
            bench(broker, data, dir.resolve("lagging"), "lagging", 20);
            cluster.failOver(primary);
            broker.start(Role.WORKER);
            return List.of(check(data, dir.resolve("before"), 0, "20s"),
                    check(data, dir.resolve("lagging"), minReplicas == 1 ? 0 : 1, "5s"));
        }
    }

    private static JsonNode check(Path data, Path ledger, int expectedExit, String timeout) {
        return CommandRun.jsonReport(CommandRun.broker(expectedExit, "check", "--ledger", ledger.toString(),
                "--data-dir", data.toString(), "--timeout", timeout));
    }

    /** A ledger-keeping load from demo-client; its exit status depends on the 503s, the ledger says what happened. */
    private static void bench(RunningBroker broker, Path data, Path ledger, String run, int count) {
        BrokerCommand.commandLine().execute("bench", "--url", broker.proxy("/").toString(), "--data-dir",
                data.toString(), "--count", Integer.toString(count), "--concurrency", "2", "--run-id", run,
                "--ledger", ledger.toString(), "--retries", "1");
    }
}
