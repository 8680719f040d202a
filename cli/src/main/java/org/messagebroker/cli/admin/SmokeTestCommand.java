package org.messagebroker.cli.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.messagebroker.cli.UserError;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.core.tls.TlsContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code broker smoke-test}: Message Broker 1.0's post-deployment check. One line per check; the exit status
 * is the number of failed checks (0: all good). Sends one real message and reads it back.
 */
@Command(name = "smoke-test", mixinStandardHelpOptions = true,
        description = "Checks a running installation end to end; exit status 0 only if every check passes.")
public class SmokeTestCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Mixin AdminConnection server;
    @Option(names = "--proxy", defaultValue = "https://localhost:${env:PROXY_PORT:-8001}",
            description = "The proxy's URL (default: ${DEFAULT-VALUE}).") URI proxy;
    @Option(names = "--portal", defaultValue = "https://localhost:${env:PORTAL_PORT:-5000}",
            description = "The portal's URL (default: ${DEFAULT-VALUE}).") URI portal;
    @Option(names = "--worker", defaultValue = "http://localhost:${env:WORKER_METRICS_PORT:-9100}",
            description = "The worker's health and metrics URL (default: ${DEFAULT-VALUE}).") URI worker;
    @Option(names = "--client-cert", paramLabel = "NAME", defaultValue = "demo-client",
            description = "The client certificate (DIR/NAME.crt and .key) to send with.") String clientCert;

    private int failures;

    @Override
    public Integer call() throws Exception {
        Path dir = server.dataDir();
        server.caCertificate();
        if (Files.notExists(dir.resolve(clientCert + ".crt")) || Files.notExists(dir.resolve(clientCert + ".key"))) {
            throw new UserError("no client certificate " + dir.resolve(clientCert + ".crt") + " (and .key): give"
                    + " --client-cert NAME for DIR/NAME.crt, or issue one with broker certs generate NAME");
        }
        check("client certificate valid for 7 days or more", () -> {
            X509Certificate certificate = PemFiles.readCertificate(dir.resolve(clientCert + ".crt"));
            return certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(7)));
        });
        check("log directory writable", () -> {
            Path logs = dir.resolve("logs");
            return Files.isDirectory(logs) && Files.isWritable(logs);
        });
        HttpClient trusting = HttpClient.newBuilder().sslContext(TlsContexts.trusting(dir.resolve("ca.crt")))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.mutual(dir.resolve(clientCert + ".crt"),
                dir.resolve(clientCert + ".key"), dir.resolve("ca.crt"))).connectTimeout(Duration.ofSeconds(5)).build();
        check("server healthy (database, encryption)", () -> healthy(trusting, server.server().resolve("/health")));
        check("proxy healthy (queue, server)", () -> healthy(client, proxy.resolve("/api/v1/health")));
        check("worker healthy (queue, server)", () -> healthy(HttpClient.newHttpClient(), worker.resolve("/health")));
        check("portal up", () -> healthy(trusting, portal.resolve("/health")));
        check("worker metrics served", () -> get(HttpClient.newHttpClient(), worker.resolve("/metrics")).statusCode() == 200);
        String[] sent = new String[1];
        check("message accepted by the proxy", () -> {
            HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(proxy.resolve("/api/v1/messages"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sender_number",
                            "+4915200000000", "message_body", "broker smoke test " + Instant.now())))).build(),
                    HttpResponse.BodyHandlers.ofString());
            sent[0] = JSON.readTree(accepted.body()).path("message_id").asString(null);
            return accepted.statusCode() == 202 && sent[0] != null;
        });
        check("message stored and read back", () -> {
            for (int i = 0; i < 60 && sent[0] != null; i++) {
                HttpResponse<String> status = get(client, proxy.resolve("/api/v1/messages/" + sent[0]));
                if (status.statusCode() == 200 && "delivered".equals(JSON.readTree(status.body()).path("status").asString())) {
                    return true;
                }
                Thread.sleep(500);
            }
            return false;
        });
        System.out.println(failures == 0 ? "All checks passed." : failures + " check(s) failed.");
        return failures;
    }

    private static boolean healthy(HttpClient client, URI uri) throws Exception {
        HttpResponse<String> response = get(client, uri);
        JsonNode body = JSON.readTree(response.body());
        return response.statusCode() == 200 && !"unhealthy".equals(body.path("status").asString());
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void check(String name, Check check) {
        boolean passed;
        String reason = "";
        try {
            passed = check.run();
        } catch (Exception e) {
            passed = false;
            reason = " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
        if (!passed) {
            failures++;
        }
        System.out.println((passed ? "PASS  " : "FAIL  ") + name + reason);
    }

    private interface Check {
        boolean run() throws Exception;
    }
}
