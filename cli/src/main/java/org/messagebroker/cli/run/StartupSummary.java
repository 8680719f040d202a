package org.messagebroker.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a newcomer needs to see once the roles are up: where each one listens and how to send. */
final class StartupSummary {

    private StartupSummary() {
    }

    static String describe(List<Role> roles, Path dir) {
        StringBuilder text = new StringBuilder("\nMessage Broker is running (data directory ").append(dir).append(")\n");
        for (Role role : roles) {
            text.append(switch (role) {
                case SERVER -> "  server  https://localhost:" + port("MAIN_SERVER_PORT", 8000)
                        + "  (internal mTLS API on " + port("MAIN_SERVER_INTERNAL_PORT", 8002) + ")\n";
                case PROXY -> "  proxy   https://localhost:" + port("PROXY_PORT", 8001) + "  (client certificate required)\n";
                case WORKER -> "  worker  http://127.0.0.1:" + port("WORKER_METRICS_PORT", 9100) + "/metrics and /health\n";
                case PORTAL -> "  portal  https://localhost:" + port("PORTAL_PORT", 5000) + "\n";
            });
        }
        text.append("  logs    ").append(logs(dir)).append(" (the console shows warnings and errors only)\n");
        text.append("  metrics on loopback: ");
        if (roles.contains(Role.PROXY)) {
            text.append("proxy http://127.0.0.1:").append(port("PROXY_METRICS_PORT", 9101)).append("/metrics  ");
        }
        if (roles.contains(Role.SERVER)) {
            text.append("server http://127.0.0.1:").append(port("MAIN_SERVER_METRICS_PORT", 9102)).append("/metrics");
        }
        text.append('\n');
        Path admin = dir.resolve("initial-admin.txt");
        if (roles.contains(Role.SERVER) && Files.exists(admin)) {
            text.append("\nSign in to the portal as ").append(adminEmail(admin)).append(" with the password in\n  ")
                    .append(admin)
                    .append("\nthen change it under Profile and delete that file.\n");
        }
        if (roles.contains(Role.PROXY)) {
            text.append("\nSend a message with the demo client certificate:\n  curl --cacert ").append(dir.resolve("ca.crt"))
                    .append(" --cert ").append(dir.resolve("demo-client.crt")).append(" --key ")
                    .append(dir.resolve("demo-client.key")).append(" \\\n    -H 'Content-Type: application/json'")
                    .append(" -d '{\"sender_number\":\"+4915200000000\",\"message_body\":\"hello\"}' \\\n")
                    .append("    https://localhost:").append(port("PROXY_PORT", 8001)).append("/api/v1/messages\n");
        }
        return text.toString();
    }

    private static String adminEmail(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith("email="))
                    .map(line -> line.substring("email=".length())).findFirst().orElse("the initial admin");
        } catch (java.io.IOException e) {
            return "the initial admin";
        }
    }

    private static Path logs(Path dir) {
        String configured = System.getenv("LOG_FILE_PATH");
        return configured == null || configured.isBlank() ? dir.resolve("logs") : Path.of(configured);
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
