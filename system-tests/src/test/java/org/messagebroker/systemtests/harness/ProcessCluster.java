package org.messagebroker.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The roles as separate JVMs on one data directory, so that the fault suite can kill, stop, pause and
 * restart each the way an operating system or an operator would. Faults are aimed at the processes this
 * cluster started, by their PIDs, never by name.
 */
public final class ProcessCluster implements AutoCloseable {

    private final RunningBroker ports;
    private final Map<String, RoleProcess> running = new LinkedHashMap<>();
    private final Map<String, Integer> metricsPorts = new HashMap<>();
    private int starts;

    public ProcessCluster(Path dir, Map<String, Object> settings) {
        ports = new RunningBroker(dir, List.of(), settings);
    }

    public RunningBroker broker() {
        return ports;
    }

    /** Starts the role (under {@code name}, so that two workers can run) and waits until it is up. */
    public RoleProcess start(String name, String role, Map<String, String> more) {
        Path log = launch(name, role, more);
        awaitStarted(name, log, readyLine(role));
        return running.get(name);
    }

    /** What a role's log says once it serves: each role's start line, for {@code all} the summary after all four. */
    private static String readyLine(String role) {
        return role.equals("all") ? "Message Broker is running" : "Application in ";
    }

    /** Starts roles side by side (a JVM start is mostly waiting), then waits for all of them. */
    public void startTogether(String... roles) {
        startTogether(Arrays.stream(roles).map(role -> new Launch(role, role, Map.of())).toList());
    }

    public void startTogether(List<Launch> launches) {
        Map<Launch, Path> logs = new LinkedHashMap<>();
        for (Launch launch : launches) {
            logs.put(launch, launch(launch.name(), launch.role(), launch.settings()));
        }
        logs.forEach((launch, log) -> awaitStarted(launch.name(), log, readyLine(launch.role())));
    }

    /** A role to start under a name of its own (two workers), with settings of its own. */
    public record Launch(String name, String role, Map<String, String> settings) {
    }

    private Path launch(String name, String role, Map<String, String> more) {
        Path log = logDirectory().resolve(name + "-" + ++starts + ".log");
        Map<String, String> settings = new HashMap<>(more);
        int metricsPort = metricsPorts.computeIfAbsent(name, n -> RunningBroker.freePort());
        settings.putIfAbsent("WORKER_METRICS_PORT", Integer.toString(metricsPort));
        running.put(name, RoleProcess.start(role, ports, settings, log));
        return log;
    }

    /** Where a worker started under {@code name} serves /metrics (the same across its restarts). */
    public URI workerMetrics(String name) {
        return URI.create("http://localhost:" + metricsPorts.get(name) + "/metrics");
    }

    private void awaitStarted(String name, Path log, String readyLine) {
        RoleProcess process = running.get(name);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> process.alive() && Files.exists(log) && Files.readString(log).contains(readyLine)
                            || !process.alive());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " did not start within 90 s; its log ends:\n" + tail(log), e);
        }
        if (!process.alive()) {
            throw new IllegalStateException(name + " exited during start; its log ends:\n" + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public RoleProcess start(String role) {
        return start(role, role, Map.of());
    }

    public RoleProcess get(String name) {
        return running.get(name);
    }

    /** Every log line the cluster's processes wrote, for a failing test's message. */
    public String logs() {
        try (var files = Files.list(logDirectory())) {
            StringBuilder all = new StringBuilder();
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                all.append("== ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * target/process-logs/&lt;data directory's name&gt;: kept after the test for a post-mortem, and not in the
     * data directory, where the certificate watchers would never see a quiet moment.
     */
    private Path logDirectory() {
        try {
            return Files.createDirectories(Path.of("target", "process-logs", ports.dir.getFileName().toString()))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running.values().forEach(process -> {
            if (process.alive()) {
                process.resume();
            }
            process.close();
        });
        ports.close();
    }
}
