package org.messagebroker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Runs the {@code broker} command line in this JVM and answers what it printed (out, then err). */
final class CommandRun {

    private CommandRun() {
    }

    static String broker(int expectedExit, String... args) {
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

    /** The JSON report line ({@code bench}, {@code check} …) among what a command printed. */
    static JsonNode jsonReport(String printed) {
        return RunningBroker.JSON.readTree(printed.lines().filter(line -> line.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON report in: " + printed)));
    }
}
