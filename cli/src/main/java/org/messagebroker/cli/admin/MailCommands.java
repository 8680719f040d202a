package org.messagebroker.cli.admin;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code broker admin mail test|outbox}: the e-mail notifications' SMTP settings and what is waiting to go. */
@Command(name = "mail", mixinStandardHelpOptions = true, description = "Checks e-mail (SMTP) and lists the e-mail outbox.",
        subcommands = {MailCommands.TestMail.class, MailCommands.Outbox.class})
class MailCommands {

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Sends a test e-mail through the server's SMTP settings; exits 1 with the SMTP server's reason if it fails.")
    static class TestMail implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "ADDRESS") String to;

        @Override
        public Integer call() {
            server.post("/admin/mail/test", Map.of("to", to));
            System.out.println("Sent a test e-mail to " + to);
            return 0;
        }
    }

    @Command(name = "outbox", mixinStandardHelpOptions = true,
            description = "Lists e-mail notices, newest first: pending, sent or failed with the SMTP server's last error.")
    static class Outbox implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Option(names = "--status", description = "pending, sent or failed") String status;

        @Override
        public Integer call() {
            JsonNode page = server.get("/admin/mail/outbox?per_page=100" + (status == null ? "" : "&status=" + status));
            for (JsonNode e : page.path("emails")) {
                System.out.printf("%-24s user %-5d %-20s %-8s %2d attempts  %s%n", e.path("created_at").asString(),
                        e.path("user_id").asLong(), e.path("kind").asString(), e.path("status").asString(),
                        e.path("attempts").asInt(), e.path("last_error").asString(""));
            }
            return 0;
        }
    }
}
