package org.messagebroker.cli.check;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.messagebroker.cli.bench.BenchCommand;
import org.messagebroker.cli.bench.Ledger;
import org.messagebroker.cli.database.DatabaseOptions;
import org.messagebroker.server.keys.StorageCipher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code broker check}: reconciles a bench ledger with what the server stored. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Reads a ledger written by `broker bench --ledger` and everything the server's database holds",
                "of that run (decrypting every body), and counts lost, duplicated, unexpected and corrupted",
                "messages. Waits up to --timeout for accepted messages still on their way.",
                "Exit 0 when lost, duplicates, unexpected and integrity failures are all 0; 1 otherwise."})
public class CheckCommand implements Callable<Integer> {

    private static final Duration LOOK_BACK = Duration.ofMinutes(5);

    @Option(names = "--ledger", required = true, paramLabel = "FILE", description = "The ledger of the run to check.")
    Path ledgerFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:BROKER_DATA_DIR:-./data}",
            description = "The server's data directory, for its storage keys (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--timeout", defaultValue = "60s", converter = BenchCommand.SimpleDuration.class,
            description = "How long to wait for accepted messages not yet stored (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        LedgerFile ledger = LedgerFile.read(ledgerFile);
        StorageCipher cipher = StoredRun.storageKeys(dataDir);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Reconciliation result;
        try (Connection db = database.connect(dataDir)) {
            while (true) {
                StoredRun stored = StoredRun.read(db, cipher, ledger.run(), ledger.firstAnswer().minus(LOOK_BACK));
                result = Reconciliation.of(ledger, stored, Ledger.SENDER);
                if (result.lost() == 0 || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("run", ledger.run());
        report.putAll(result.figures());
        report.put("waited_seconds", BenchCommand.round((System.nanoTime() - started) / 1e9));
        report.put("verdict", result.holds() ? "pass" : "FAIL");
        report.forEach((key, value) -> System.out.printf("%-20s %s%n", key, value));
        if (!result.lostIds().isEmpty()) {
            System.out.println("lost message ids (first " + result.lostIds().size() + "): " + String.join(" ", result.lostIds()));
        }
        System.out.println(JsonMapper.builder().build().writeValueAsString(report));
        return result.holds() ? 0 : 1;
    }
}
