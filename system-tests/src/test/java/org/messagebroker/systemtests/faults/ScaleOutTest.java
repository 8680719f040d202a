package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.ProcessCluster;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/**
 * The original's TC-L-008 and TC-L-009: two proxies and three workers on one queue and one server, each a
 * separate process. Clients load both proxies at once; every accepted message is stored exactly once,
 * and every worker takes its share without conflicts.
 */
class ScaleOutTest {

    private static final List<String> WORKERS = List.of("worker", "worker-2", "worker-3");

    @TempDir
    Path dir;
    @TempDir
    Path work;

    @Test
    void twoProxiesAndThreeWorkersShareTheLoadAndStoreEachMessageOnce() throws Exception {
        int secondProxy = RunningBroker.freePort();
        try (FaultHarness harness = new FaultHarness("jdbc", dir, work, "scale-out: 2 proxies, 3 workers");
                ProcessCluster cluster = harness.cluster(Map.of(), List.of(
                        new ProcessCluster.Launch("proxy-2", "proxy", Map.of("PROXY_PORT", Integer.toString(secondProxy))),
                        new ProcessCluster.Launch("worker-2", "worker", Map.of()),
                        new ProcessCluster.Launch("worker-3", "worker", Map.of())))) {
            RunningBroker broker = cluster.broker();

            CompletableFuture<Path> first = CompletableFuture.supplyAsync(() -> load(broker.proxy("/"), "a"));
            CompletableFuture<Path> second = CompletableFuture.supplyAsync(
                    () -> load(URI.create("https://localhost:" + secondProxy + "/"), "b"));
            for (Path ledger : List.of(first.get(), second.get())) {
                harness.assertNothingLost(cluster, ledger);
            }
            for (String worker : WORKERS) {
                assertThat(RunningBroker.metricSum(cluster.workerMetrics(worker), "worker_messages_delivered_total"))
                        .as(worker + " delivered its share").isPositive();
            }
        }
    }

    private Path load(URI proxy, String run) {
        Path ledger = work.resolve(run + ".ledger");
        JsonNode report = CommandRun.jsonReport(CommandRun.broker(0, "bench", "--url", proxy.toString(),
                "--data-dir", dir.toString(), "--rate", "40", "--duration", "10s", "--count", "100000",
                "--concurrency", "8", "--run-id", run, "--ledger", ledger.toString()));
        assertThat(report.path("errors").size()).as("errors through " + proxy).isZero();
        return ledger;
    }
}
