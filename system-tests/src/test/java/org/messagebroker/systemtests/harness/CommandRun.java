package org.messagebroker.systemtests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.messagebroker.cli.BrokerCommand;
import tools.jackson.databind.JsonNode;

/** Runs the {@code broker} command line in this JVM and answers what it printed (out, then err). */
public final class CommandRun {

    private CommandRun() {
    }

    public static String broker(int expectedExit, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = BrokerCommand.commandLine().setErr(new PrintWriter(err, true)).execute(args);
            assertThat(exit).as(out.toString(StandardCharsets.UTF_8) + err).isEqualTo(expectedExit);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8) + err;
    }

    /**
     * Runs {@code broker} as its own process with only these environment variables besides the system's
     * basics (so what the command reads from the environment is what the test gave); answers exit status
     * and output.
     */
    public static Result process(Map<String, String> environment, String... args) {
        ProcessBuilder builder = builder(args);
        builder.environment().keySet().removeIf(name -> name.startsWith("BROKER_") || name.startsWith("MAIN_SERVER"));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code broker} as its own process, which goes on until it ends or is signalled; its output to {@code log}. */
    public static Process start(Path log, String... args) {
        try {
            return builder(args).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(AotCache.java(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), BrokerCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    public record Result(int exit, String output) {
    }

    /** The JSON report line ({@code bench}, {@code check} …) among what a command printed. */
    public static JsonNode jsonReport(String printed) {
        return RunningBroker.JSON.readTree(printed.lines().filter(line -> line.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON report in: " + printed)));
    }
}
