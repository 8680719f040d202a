package org.messagebroker.cli.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code broker audit verify|list}: the tamper-evident audit log, from the command line. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Reads and verifies the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListEntries.class})
public class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walks the hash chain; exit 0 if no row was edited, inserted or deleted, 1 otherwise.")
    static class Verify implements Callable<Integer> {
        @Mixin AdminConnection server;

        @Override
        public Integer call() {
            JsonNode result = server.get("/admin/audit/verify");
            if (result.path("valid").asBoolean()) {
                System.out.println("Audit chain intact: " + result.path("rows_checked").asLong() + " rows verified.");
                return 0;
            }
            System.out.println("Audit chain BROKEN at row " + result.path("first_broken_id").asLong() + " (after "
                    + result.path("rows_checked").asLong() + " intact rows).");
            return 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists audit entries, newest first.")
    static class ListEntries implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Option(names = "--event-type") String eventType;
        @Option(names = "--limit", defaultValue = "50") int limit;

        @Override
        public Integer call() {
            JsonNode page = server.get("/admin/audit?per_page=" + Math.min(Math.max(limit, 1), 100)
                    + (eventType == null ? "" : "&event_type=" + java.net.URLEncoder.encode(eventType,
                            java.nio.charset.StandardCharsets.UTF_8)));
            for (JsonNode e : page.path("entries")) {
                System.out.printf("%-8d %-28s %-26s %-8s user=%s client=%s %s%n", e.path("id").asLong(),
                        e.path("created_at").asString(), e.path("event_type").asString(), e.path("severity").asString(),
                        e.path("user_id").asString(""), e.path("client_id").asString(""), e.path("event_data").asString(""));
            }
            return 0;
        }
    }
}
