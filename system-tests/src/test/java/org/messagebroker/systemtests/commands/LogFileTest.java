package org.messagebroker.systemtests.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.cli.run.RoleLauncher;
import org.messagebroker.systemtests.harness.RunningBroker;
import org.springframework.context.ConfigurableApplicationContext;

/** The log file: where it goes, JSON when asked, and never a message body or a full sender number. */
class LogFileTest {

    @Test
    void oneProcessRunningEveryRoleWritesJsonLinesWithoutMessageContent(@TempDir Path dir) throws Exception {
        String body = "a secret body that must never reach a log";
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.WORKER, Role.PROXY),
                Map.of("logging.structured.format.file", "ecs"))) {
            broker.awaitDelivered(broker.adminToken(), broker.submit(body));
        }
        // RunningBroker starts each role on its own, as a systemd unit would; in one JVM the first names the file.
        List<String> lines = Files.readAllLines(dir.resolve("logs/server.log"));
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(RunningBroker.JSON.readTree(line).isObject()).isTrue());
        assertThat(String.join("\n", lines)).doesNotContain(body).doesNotContain("+4915200000000");
    }

    @Test
    void allRolesInOneLaunchShareBrokerLog(@TempDir Path dir) {
        List<ConfigurableApplicationContext> started = RoleLauncher.start(List.of(Role.SERVER, Role.WORKER), dir,
                Map.of("MAIN_SERVER_PORT", 0, "MAIN_SERVER_INTERNAL_PORT", 0, "WORKER_METRICS_PORT", 0));
        started.reversed().forEach(ConfigurableApplicationContext::close);
        assertThat(dir.resolve("logs/broker.log")).isNotEmptyFile();
        assertThat(dir.resolve("logs/server.log")).doesNotExist();
    }
}
