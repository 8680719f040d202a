package org.messagebroker.cli.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.web.util.UriUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code broker admin webhooks list|set|show|remove|rotate-secret|test|events|replay}. */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = "Manages the clients' webhooks (signed HTTPS callbacks on deliveries, failures and certificates).",
        subcommands = {WebhookCommands.ListWebhooks.class, WebhookCommands.SetWebhook.class, WebhookCommands.Show.class,
                WebhookCommands.Remove.class, WebhookCommands.RotateSecret.class, WebhookCommands.TestWebhook.class,
                WebhookCommands.Events.class, WebhookCommands.Replay.class})
class WebhookCommands {

    static String path(String clientId, String suffix) {
        return "/admin/clients/" + UriUtils.encodePathSegment(clientId, StandardCharsets.UTF_8) + "/webhook" + suffix;
    }

    static void print(JsonNode webhook) {
        System.out.println(webhook.path("client_id").asString() + " -> " + webhook.path("url").asString());
        System.out.println("  events:          " + String.join(", ", webhook.path("events").valueStream()
                .map(JsonNode::asString).toList()));
        System.out.println("  include content: " + webhook.path("include_content").asBoolean());
        if (webhook.hasNonNull("secret")) {
            System.out.println("  secret:          " + webhook.path("secret").asString());
            System.out.println("The secret is shown only now: give it to the receiver, which checks each"
                    + " Broker-Signature with it.");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every client's webhook.")
    static class ListWebhooks implements Callable<Integer> {
        @Mixin AdminConnection server;

        @Override
        public Integer call() {
            for (JsonNode w : server.get("/admin/webhooks").path("webhooks")) {
                JsonNode counts = w.path("event_counts");
                System.out.printf("%-20s %-50s pending %d, delivered %d, failed %d%n", w.path("client_id").asString(),
                        w.path("url").asString(), counts.path("pending").asLong(0), counts.path("delivered").asLong(0),
                        counts.path("failed").asLong(0));
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Registers or changes a client's webhook; a new one's secret is shown once.")
    static class SetWebhook implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(index = "0", paramLabel = "CLIENT_ID") String clientId;
        @Parameters(index = "1", paramLabel = "URL", description = "https only") String url;
        @Option(names = "--events", split = ",", defaultValue = "message.delivered,message.failed",
                description = "Comma-separated: message.delivered, message.failed, certificate.expiring,"
                        + " certificate.revoked (default: ${DEFAULT-VALUE})")
        List<String> events;
        @Option(names = "--include-content", description = "Add the sender number and body to message events")
        boolean includeContent;

        @Override
        public Integer call() {
            print(server.send("PUT", path(clientId, ""), Map.of("url", url, "events", events,
                    "include_content", includeContent)));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a client's webhook.")
    static class Show implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "CLIENT_ID") String clientId;

        @Override
        public Integer call() {
            print(server.get(path(clientId, "")));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a client's webhook and the events it had still to send.")
    static class Remove implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "CLIENT_ID") String clientId;

        @Override
        public Integer call() {
            server.send("DELETE", path(clientId, ""), null);
            System.out.println("Removed the webhook of " + clientId);
            return 0;
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Gives a client's webhook a new signing secret, used from now on (shown once).")
    static class RotateSecret implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "CLIENT_ID") String clientId;

        @Override
        public Integer call() {
            print(server.post(path(clientId, "/secret"), Map.of()));
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Sends a signed webhook.test event now; exits 1 unless the receiver answered 2xx.")
    static class TestWebhook implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "CLIENT_ID") String clientId;

        @Override
        public Integer call() {
            JsonNode result = server.post(path(clientId, "/test"), Map.of());
            boolean delivered = result.path("delivered").asBoolean();
            System.out.println((delivered ? "Delivered" : "Not delivered") + " (status "
                    + result.path("status_code").asString("none") + ", " + result.path("duration_ms").asLong() + " ms)"
                    + (delivered ? "" : ": " + result.path("error").asString()));
            return delivered ? 0 : 1;
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = "Lists a client's recent webhook events and how their delivery went.")
    static class Events implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "CLIENT_ID") String clientId;
        @Option(names = "--status", description = "pending, delivered or failed") String status;

        @Override
        public Integer call() {
            JsonNode page = server.get(path(clientId, "/events?per_page=100" + (status == null ? "" : "&status="
                    + UriUtils.encodeQueryParam(status, StandardCharsets.UTF_8))));
            for (JsonNode e : page.path("events")) {
                System.out.printf("%-36s %5d %-20s %-9s %2d attempts  %-4s %s%n", e.path("event_id").asString(),
                        e.path("sequence").asLong(), e.path("type").asString(), e.path("status").asString(),
                        e.path("attempts").asInt(), e.path("last_status_code").asString(""),
                        e.path("last_error").asString(""));
            }
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Sends a failed webhook event again (same id and sequence).")
    static class Replay implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "EVENT_ID") String eventId;

        @Override
        public Integer call() {
            server.post("/admin/webhook-events/" + UriUtils.encodePathSegment(eventId, StandardCharsets.UTF_8)
                    + "/replay", Map.of());
            System.out.println("Event " + eventId + " is pending again");
            return 0;
        }
    }
}
