package org.messagebroker.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.messagebroker.cli.BrokerCommand;

/** A role running as a separate JVM, so a test can kill it the way an operating system would. */
public final class RoleProcess implements AutoCloseable {

    private final Process process;

    private RoleProcess(Process process) {
        this.process = process;
    }

    public static RoleProcess start(String role, Path dataDir, Map<String, String> environment, Path log) {
        List<String> launch = List.of("--enable-native-access=ALL-UNNAMED", "-cp", AotCache.classPath(),
                BrokerCommand.class.getName(), "run", role, "--data-dir", dataDir.toString());
        List<String> command = new ArrayList<>(List.of(AotCache.java()));
        command.addAll(launcherDefaults(role));
        command.addAll(AotCache.options(role, launch, environment));
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new RoleProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JVM options the broker launcher gives a role by default, so the faults hit the shape users run
     * (DeploymentFilesTest checks the launcher still says the same).
     */
    public static List<String> launcherDefaults(String role) {
        return List.of("-XX:+UseSerialGC", role.equals("all") ? "-Xmx1g" : "-Xmx512m");
    }

    /** Starts a role on {@code broker}'s installation with its settings, {@code more} on top. */
    public static RoleProcess start(String role, RunningBroker broker, Map<String, String> more, Path log) {
        Map<String, String> environment = new HashMap<>();
        broker.settings().forEach((key, value) -> environment.put(key, value.toString()));
        for (String port : List.of("WORKER_METRICS_PORT", "PROXY_METRICS_PORT", "MAIN_SERVER_METRICS_PORT")) {
            environment.put(port, Integer.toString(RunningBroker.freePort()));
        }
        environment.putAll(more);
        return start(role, broker.dir, environment, log);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, claims left as they are. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGSTOP: the process is frozen (a long GC pause, a stalled VM) until {@link #resume()}. */
    public void pause() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + name + " failed with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM: what systemd sends on stop; the role shuts down gracefully. */
    public int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the process did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
