package org.messagebroker.cli.admin;

import org.messagebroker.cli.keys.KeysCommand;
import picocli.CommandLine.Command;

/** {@code broker admin …}: Message Broker 1.0's admin CLI, talking to the server's admin API. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administers users, clients, messages, statistics, reports, dead letters, webhooks and e-mail through the server's admin API.",
        subcommands = {UserCommands.class, ClientCommands.class, MessageCommands.class, AdminCommand.Stats.class,
                ReportCommand.class, DeadLetterCommands.class, WebhookCommands.class, MailCommands.class, CertsCommand.class,
                AuditCommand.class, KeysCommand.class})
public class AdminCommand {

    /** The connection options, accepted here too: {@code broker admin --server URL user list}. */
    @picocli.CommandLine.Mixin AdminConnection connection;

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Shows the server's statistics.")
    static class Stats implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Mixin AdminConnection server;
        @picocli.CommandLine.Option(names = "--period", defaultValue = "day") String period;
        @picocli.CommandLine.Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            tools.jackson.databind.JsonNode stats = server.get("/admin/stats?period=" + period);
            if (json) {
                System.out.println(stats.toPrettyString());
                return 0;
            }
            for (String field : new String[] {"total_messages", "messages_last_24h", "messages_last_7d",
                    "messages_last_30d", "success_rate", "avg_delivery_time_seconds", "active_clients",
                    "revoked_clients", "queue_depth", "dead_letters_pending"}) {
                System.out.printf("%-28s %s%n", field, stats.path(field).asString(""));
            }
            stats.path("messages_by_status").properties()
                    .forEach(e -> System.out.printf("%-28s %s%n", "status " + e.getKey(), e.getValue().asString()));
            return 0;
        }
    }
}
