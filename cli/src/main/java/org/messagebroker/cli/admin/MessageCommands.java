package org.messagebroker.cli.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code broker admin message list|view}: Message Broker 1.0's message commands. */
@Command(name = "message", mixinStandardHelpOptions = true, description = "Reads stored messages.",
        subcommands = {MessageCommands.ListMessages.class, MessageCommands.View.class})
class MessageCommands {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists messages, newest first.")
    static class ListMessages implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Option(names = "--client") String client;
        @Option(names = "--status") String status;
        @Option(names = "--limit", defaultValue = "20") int limit;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            StringBuilder path = new StringBuilder("/portal/messages?per_page=" + Math.min(Math.max(limit, 1), 100));
            if (client != null) {
                path.append("&client_id=").append(URLEncoder.encode(client, StandardCharsets.UTF_8));
            }
            if (status != null) {
                path.append("&status=").append(URLEncoder.encode(status, StandardCharsets.UTF_8));
            }
            JsonNode messages = server.get(path.toString()).path("messages");
            if (json) {
                System.out.println(messages.toPrettyString());
                return 0;
            }
            System.out.printf("%-36s %-16s %-14s %-9s %-3s %s%n", "MESSAGE", "CLIENT", "SENDER", "STATUS", "TRY", "CREATED");
            for (JsonNode m : messages) {
                System.out.printf("%-36s %-16s %-14s %-9s %-3s %s%n", m.path("message_id").asString(),
                        m.path("client_id").asString(), m.path("sender_number_masked").asString(),
                        m.path("status").asString(), m.path("attempt_count").asString(), m.path("created_at").asString());
            }
            return 0;
        }
    }

    @Command(name = "view", mixinStandardHelpOptions = true, description = "Shows one message.")
    static class View implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "MESSAGE_ID") String id;
        @Option(names = "--decrypt", description = "Show the body (it is always decrypted for admins; without this it is hidden).")
        boolean decrypt;

        @Override
        public Integer call() {
            JsonNode m = server.get("/portal/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
            for (String field : new String[] {"message_id", "client_id", "domain", "sender_number_masked", "status",
                    "attempt_count", "queued_at", "delivered_at", "last_attempt_at", "error_message"}) {
                System.out.printf("%-22s %s%n", field, m.path(field).asString(""));
            }
            System.out.printf("%-22s %s%n", "message_body", decrypt ? m.path("message_body").asString("") : "(use --decrypt)");
            return 0;
        }
    }
}
