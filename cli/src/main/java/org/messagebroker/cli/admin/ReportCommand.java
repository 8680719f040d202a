package org.messagebroker.cli.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code broker admin report}: the server's message report over whole UTC days, as a table or JSON. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Messages per day, client and status, delivery-time percentiles and failure reasons"
                + " (the last seven days unless --from/--to say otherwise).")
public class ReportCommand implements Callable<Integer> {

    @Mixin AdminConnection server;
    @Option(names = "--from", paramLabel = "DATE", description = "First day (UTC), e.g. 2026-11-01.") String from;
    @Option(names = "--to", paramLabel = "DATE", description = "Last day (UTC), included.") String to;
    @Option(names = "--client", paramLabel = "ID", description = "Only this client.") String client;
    @Option(names = "--json", description = "Print the report as the API answers it.") boolean json;

    @Override
    public Integer call() {
        JsonNode report = server.get("/admin/reports/messages" + query());
        if (json) {
            System.out.println(report.toPrettyString());
            return 0;
        }
        System.out.printf("Messages from %s to %s%s%n%n", report.path("from").asString(), report.path("to").asString(),
                client == null ? "" : " of " + client);
        System.out.printf("%-10s  %-24s  %-10s  %8s%n", "day", "client", "status", "count");
        for (JsonNode row : report.path("daily")) {
            System.out.printf("%-10s  %-24s  %-10s  %8d%n", row.path("day").asString(), row.path("client_id").asString(),
                    row.path("status").asString(), row.path("count").asLong());
        }
        report.path("totals").properties()
                .forEach(e -> System.out.printf("%-10s  %-24s  %-10s  %8d%n", "total", "", e.getKey(), e.getValue().asLong()));
        JsonNode time = report.path("delivery_time_ms");
        System.out.printf("%nDelivery time (acceptance to storage) of %d messages: p50 %s ms, p90 %s ms, p99 %s ms,"
                + " max %s ms%n", time.path("count").asLong(), time.path("p50").asString("-"),
                time.path("p90").asString("-"), time.path("p99").asString("-"), time.path("max").asString("-"));
        if (!report.path("failure_reasons").isEmpty()) {
            System.out.println("\nFailure reasons");
            report.path("failure_reasons").forEach(reason -> System.out.printf("%8d  %s%n",
                    reason.path("count").asLong(), reason.path("reason").asString()));
        }
        return 0;
    }

    private String query() {
        List<String> parameters = new ArrayList<>();
        add(parameters, "from", from);
        add(parameters, "to", to);
        add(parameters, "client_id", client);
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    private static void add(List<String> parameters, String name, String value) {
        if (value != null) {
            parameters.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
