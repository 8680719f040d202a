package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.ProcessCluster;

/**
 * A ledger-keeping {@code broker bench} at a fixed rate in a process of its own, which runs until the
 * scenario has injected all its faults and stops it, however long the restarts took on this machine: a
 * load of fixed length ended before the last faults where restarts under the busy loops were slow.
 */
final class BackgroundLoad implements AutoCloseable {

    private final Process process;
    private final Path ledger;
    private final Path log;

    private BackgroundLoad(Process process, Path ledger, Path log) {
        this.process = process;
        this.ledger = ledger;
        this.log = log;
    }

    /**
     * Starts the load and returns once its first answer is in the ledger. A client that retries (same
     * Idempotency-Key) what got no answer, a 429 or a 5xx, up to {@code retries} times, when that is above 0.
     */
    static BackgroundLoad start(ProcessCluster cluster, Path dataDir, Path work, String run, int rate, int retries) {
        Path ledger = work.resolve(run + ".ledger");
        Path log = work.resolve(run + ".log");
        List<String> args = new ArrayList<>(List.of("bench", "--url", cluster.broker().proxy("/").toString(),
                "--data-dir", dataDir.toString(), "--rate", Integer.toString(rate), "--duration", "30m",
                "--count", "100000000", "--concurrency", "8", "--run-id", run, "--ledger", ledger.toString()));
        if (retries > 0) {
            args.addAll(List.of("--retries", Integer.toString(retries)));
        }
        BackgroundLoad load = new BackgroundLoad(CommandRun.start(log, args.toArray(String[]::new)), ledger, log);
        Awaitility.await("the load's first answer").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !load.process.isAlive() || Files.exists(ledger) && Files.size(ledger) > 0);
        assertThat(load.process.isAlive()).as("the load is running: %s", load.output()).isTrue();
        return load;
    }

    /** SIGTERM, as Ctrl-C would: the bench sends nothing more, settles what is in flight and closes the ledger. */
    Path stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the load stopped").isTrue();
        assertThat(CommandRun.jsonReport(output()).path("sent").asInt()).as("the load's report").isPositive();
        return ledger;
    }

    private String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
