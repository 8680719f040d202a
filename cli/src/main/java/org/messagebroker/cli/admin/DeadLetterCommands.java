package org.messagebroker.cli.admin;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code broker admin dead-letters list|replay|discard}. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true, description = "Lists, replays and discards dead letters.",
        subcommands = {DeadLetterCommands.ListDeadLetters.class, DeadLetterCommands.Replay.class,
                DeadLetterCommands.Discard.class})
class DeadLetterCommands {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists dead letters.")
    static class ListDeadLetters implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Option(names = "--status", defaultValue = "pending") String status;

        @Override
        public Integer call() {
            for (JsonNode d : server.get("/admin/dead-letters?per_page=100&status=" + status).path("dead_letters")) {
                System.out.printf("%-36s %-16s %-4s %s%n", d.path("message_id").asString(), d.path("client_id").asString(),
                        d.path("attempt_count").asString(), d.path("reason").asString());
            }
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = "Stores a dead letter again.")
    static class Replay implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "MESSAGE_ID") String id;

        @Override
        public Integer call() {
            server.post("/admin/dead-letters/" + id + "/replay", Map.of());
            System.out.println("Replayed " + id);
            return 0;
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true, description = "Closes a dead letter.")
    static class Discard implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "MESSAGE_ID") String id;

        @Override
        public Integer call() {
            server.post("/admin/dead-letters/" + id + "/discard", Map.of());
            System.out.println("Discarded " + id);
            return 0;
        }
    }
}
