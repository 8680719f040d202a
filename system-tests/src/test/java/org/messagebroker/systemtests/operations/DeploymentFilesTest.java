package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.systemtests.harness.RoleProcess;
import org.messagebroker.systemtests.harness.RunningBroker;

/** The deployment files are checked by the tools that will read them. */
class DeploymentFilesTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theSystemdUnitsPassSystemdAnalyzeVerify(@TempDir Path units) throws Exception {
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("deploy/systemd"))) {
            for (Path unit : files.filter(f -> f.toString().endsWith(".service")).toList()) {
                // The launcher is installed in /opt/broker; here the repository's stands in for it.
                Path copy = units.resolve(unit.getFileName());
                Files.writeString(copy, Files.readString(unit).replace("/opt/broker/broker", REPOSITORY + "/broker"));
                command.add(copy.toString());
            }
        }
        assertThat(command).hasSize(7);
        Process verify = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor()).as(output).isZero();
        assertThat(output).isEmpty();
    }

    @Test
    void thePrometheusConfigurationAndAlertRulesPassPromtool() throws Exception {
        Path monitoring = REPOSITORY.resolve("deploy/monitoring");
        assertThat(run(monitoring, "promtool", "check", "config", "--syntax-only", "prometheus.yml")).contains("SUCCESS");
        assertThat(run(monitoring, "promtool", "check", "rules", "alerts.yml")).contains("SUCCESS: 11 rules found");
        assertThat(run(monitoring, "promtool", "test", "rules", "alerts-test.yml")).contains("SUCCESS");
    }

    @Test
    void theGrafanaDashboardQueriesMetricsTheRolesPublish() throws Exception {
        tools.jackson.databind.JsonNode dashboard = RunningBroker.JSON.readTree(
                REPOSITORY.resolve("deploy/monitoring/grafana-dashboard.json").toFile());
        assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(dashboard.findValuesAsString("expr")).allSatisfy(expr -> assertThat(expr).containsAnyOf(
                "proxy_", "main_server_", "worker_", "broker_queue_", "redis_queue_size"));
    }

    @Test
    void theTestsStartRolesWithTheJvmOptionsTheLauncherAndTheWindowsServicesUse() throws Exception {
        String launcher = Files.readString(REPOSITORY.resolve("broker"));
        for (String role : List.of("proxy", "all")) {
            assertThat(RoleProcess.launcherDefaults(role)).allSatisfy(option ->
                    assertThat(launcher).contains("defaults+=(" + option + ")"));
        }
        assertThat(Files.readString(REPOSITORY.resolve("deploy/windows/install-services.ps1")))
                .contains(String.join(" ", RoleProcess.launcherDefaults("proxy")) + " -jar");
    }

    private static String run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    void theEnvironmentTemplateNamesEverySettingTheRolesRead() throws Exception {
        Set<String> read = new TreeSet<>();
        Pattern variable = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+):");
        for (String role : List.of("server", "proxy", "worker", "portal")) {
            Matcher m = variable.matcher(Files.readString(REPOSITORY.resolve(
                    role + "/src/main/resources/broker-" + role + ".properties")));
            while (m.find()) {
                read.add(m.group(1));
            }
            // Not a setting: Spring Boot's process id, the default worker id's suffix.
            read.remove("PID");
        }
        String template = Files.readString(REPOSITORY.resolve("deploy/systemd/broker.env"));
        assertThat(read).isNotEmpty().allSatisfy(name -> assertThat(template).as(name).contains("# " + name + "="));
    }
}
