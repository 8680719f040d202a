package org.messagebroker.systemtests.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.systemtests.harness.RoleProcess;
import org.messagebroker.systemtests.harness.RunningBroker;

/**
 * What a newcomer sees after {@code broker run all} on embedded defaults: no framework chatter, no
 * password on the screen, and the summary (addresses, where the password is, how to send) last.
 */
class RunConsoleTest {

    @TempDir
    Path dir;

    @Test
    void theConsoleEndsWithTheSummaryAndNeverShowsThePassword() throws Exception {
        Map<String, String> ports = new HashMap<>();
        for (String port : List.of("MAIN_SERVER_PORT", "MAIN_SERVER_INTERNAL_PORT", "PROXY_PORT", "PORTAL_PORT",
                "WORKER_METRICS_PORT", "PROXY_METRICS_PORT", "MAIN_SERVER_METRICS_PORT")) {
            ports.put(port, Integer.toString(RunningBroker.freePort()));
        }
        Path console = dir.resolve("console.txt");
        try (RoleProcess all = RoleProcess.start("all", dir.resolve("data"), ports, console)) {
            Awaitility.await().atMost(Duration.ofSeconds(90))
                    .until(() -> Files.readString(console).contains("curl --cacert"));
            Thread.sleep(1_000);
            String output = Files.readString(console);
            String password = Files.readAllLines(dir.resolve("data/initial-admin.txt")).stream()
                    .filter(line -> line.startsWith("password=")).findFirst().orElseThrow().substring(9);

            assertThat(output).doesNotContain(password).doesNotContain(" INFO ");
            String summary = output.substring(output.indexOf("Message Broker is running"));
            assertThat(summary).contains("https://localhost:" + ports.get("PROXY_PORT"))
                    .contains("https://localhost:" + ports.get("PORTAL_PORT"))
                    .contains(dir.resolve("data/initial-admin.txt").toString())
                    .contains(dir.resolve("data/logs").toString());
            assertThat(summary.strip()).as("the summary comes last").endsWith("/api/v1/messages");
            assertThat(Files.readString(dir.resolve("data/logs").resolve(logFile(dir.resolve("data/logs")))))
                    .as("the log file keeps the INFO lines").contains(" INFO ");
        }
    }

    private static String logFile(Path logs) throws Exception {
        try (var files = Files.list(logs)) {
            return files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow().getFileName().toString();
        }
    }
}
