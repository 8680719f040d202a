package org.messagebroker.cli.admin;

import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.messagebroker.cli.UserError;
import org.messagebroker.core.tls.TlsContexts;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the CLI reaches the server's admin API: HTTPS verified against the installation's CA, as an
 * admin. The token comes from {@code BROKER_TOKEN}, a token file, or a login with an e-mail and a
 * password (from a file, {@code BROKER_PASSWORD}, or a prompt).
 */
public class AdminConnection {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:MAIN_SERVER_URL:-https://localhost:8000}",
            description = "The server's base URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:BROKER_DATA_DIR:-./data}",
            description = "Where ca.crt is, to verify the server (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding an admin bearer token.")
    Path tokenFile;

    @Option(names = "--email", paramLabel = "EMAIL", description = "Log in as this admin instead of using a token.")
    String email;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "With --email: a file holding the password (else BROKER_PASSWORD, else a prompt).")
    Path passwordFile;

    private HttpClient http;
    private String token;

    private HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().sslContext(TlsContexts.trusting(dataDir.resolve("ca.crt")))
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(server.resolve(path)).GET(), true);
    }

    public JsonNode post(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(server.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), true);
    }

    /** A PUT or DELETE with a JSON body (or none). */
    public JsonNode send(String method, String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(server.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), true);
    }

    /** An unauthenticated GET of raw bytes (the CA's public endpoints). */
    public byte[] getPublic(String path) {
        try {
            HttpResponse<byte[]> response = http().send(HttpRequest.newBuilder(server.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AdminException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new AdminException("cannot reach the server at " + server + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
    }

    private JsonNode send(HttpRequest.Builder request, boolean authenticated) {
        if (authenticated) {
            request.header("Authorization", "Bearer " + token());
        }
        try {
            HttpResponse<String> response = http().send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new AdminException(response.statusCode() + " " + body.path("detail").asString(response.body()));
            }
            return body;
        } catch (IOException e) {
            throw new AdminException("cannot reach the server at " + server + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
    }

    private String token() {
        if (token != null) {
            return token;
        }
        try {
            String fromEnvironment = System.getenv("BROKER_TOKEN");
            if (tokenFile != null) {
                token = Files.readString(tokenFile).trim();
            } else if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                token = fromEnvironment.trim();
            } else if (email != null) {
                JsonNode login = send(HttpRequest.newBuilder(server.resolve("/portal/auth/login"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(
                                JSON.writeValueAsBytes(Map.of("email", email, "password", password())))), false);
                token = login.path("access_token").asString();
            } else {
                throw new AdminException("not logged in: give --email, --token-file or BROKER_TOKEN");
            }
            return token;
        } catch (IOException e) {
            throw new AdminException("cannot read " + e.getMessage());
        }
    }

    private String password() throws IOException {
        if (passwordFile != null) {
            return Files.readString(passwordFile).trim();
        }
        String fromEnvironment = System.getenv("BROKER_PASSWORD");
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (console == null) {
            throw new AdminException("no password: use --password-file or BROKER_PASSWORD when not on a terminal");
        }
        return new String(console.readPassword("Password for %s: ", email));
    }

    /** A failure to report to the operator: the message is printed, the exit status is 1. */
    public static class AdminException extends UserError {
        public AdminException(String message) {
            super(message);
        }
    }
}
