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
import java.util.function.Function;
import org.messagebroker.cli.UserError;
import org.messagebroker.core.tls.TlsContexts;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the CLI reaches the server's admin API: HTTPS verified against the installation's CA, as an
 * admin. The token comes from {@code BROKER_TOKEN}, a token file, or a login with an e-mail and a
 * password (from a file, {@code BROKER_PASSWORD}, or a prompt). Its options may be given on the command
 * or on any command above it ({@code broker admin --server URL user list}); without them it reads the
 * settings {@code broker run} reads: {@code MAIN_SERVER_URL}, else {@code MAIN_SERVER_PORT} on localhost,
 * and {@code BROKER_DATA_DIR}.
 */
public class AdminConnection {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--server", paramLabel = "URL",
            description = "The server's base URL (default: MAIN_SERVER_URL, else https://localhost:MAIN_SERVER_PORT).")
    URI serverOption;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where ca.crt is, to verify the server (default: BROKER_DATA_DIR, else ./data).")
    Path dataDirOption;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding an admin bearer token.")
    Path tokenFile;

    @Option(names = "--email", paramLabel = "EMAIL", description = "Log in as this admin instead of using a token.")
    String email;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "With --email: a file holding the password (else BROKER_PASSWORD, else a prompt).")
    Path passwordFile;

    private HttpClient http;
    private String token;

    /** The server's URL: given here or on a command above, else from the settings {@code broker run} reads. */
    public URI server() {
        URI given = given(c -> c.serverOption);
        if (given != null) {
            return given;
        }
        String url = System.getenv("MAIN_SERVER_URL");
        if (url != null && !url.isBlank()) {
            return URI.create(url);
        }
        String port = System.getenv("MAIN_SERVER_PORT");
        return URI.create("https://localhost:" + (port == null || port.isBlank() ? "8000" : port.trim()));
    }

    public Path dataDir() {
        Path given = given(c -> c.dataDirOption);
        if (given != null) {
            return given;
        }
        String dir = System.getenv("BROKER_DATA_DIR");
        return Path.of(dir == null || dir.isBlank() ? "./data" : dir);
    }

    /** The CA certificate the server is verified with, or a user error saying how to get one. */
    public Path caCertificate() {
        Path ca = dataDir().resolve("ca.crt");
        if (!Files.isRegularFile(ca)) {
            throw new AdminException("no CA certificate at " + ca + ": start the broker once (broker run all) to create"
                    + " the installation, or point --data-dir (or BROKER_DATA_DIR) at its data directory");
        }
        return ca;
    }

    /** The value given on this command or, failing that, on the nearest command above that has it. */
    private <T> T given(Function<AdminConnection, T> option) {
        T own = option.apply(this);
        if (own != null || command == null) {
            return own;
        }
        for (CommandSpec spec = command.parent(); spec != null; spec = spec.parent()) {
            for (CommandSpec mixin : spec.mixins().values()) {
                if (mixin.userObject() instanceof AdminConnection other && option.apply(other) != null) {
                    return option.apply(other);
                }
            }
        }
        return null;
    }

    private HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().sslContext(TlsContexts.trusting(caCertificate()))
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(server().resolve(path)).GET(), true);
    }

    public JsonNode post(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(server().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), true);
    }

    /** A PUT or DELETE with a JSON body (or none). */
    public JsonNode send(String method, String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(server().resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), true);
    }

    /** An unauthenticated GET of raw bytes (the CA's public endpoints). */
    public byte[] getPublic(String path) {
        try {
            HttpResponse<byte[]> response = http().send(HttpRequest.newBuilder(server().resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AdminException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(e);
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
            throw unreachable(e);
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
            Path tokenFrom = given(c -> c.tokenFile);
            String email = given(c -> c.email);
            if (tokenFrom != null) {
                token = Files.readString(tokenFrom).trim();
            } else if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                token = fromEnvironment.trim();
            } else if (email != null) {
                JsonNode login = send(HttpRequest.newBuilder(server().resolve("/portal/auth/login"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(
                                JSON.writeValueAsBytes(Map.of("email", email, "password", password(email))))), false);
                token = login.path("access_token").asString();
            } else {
                throw new AdminException("not logged in: give --email, --token-file or BROKER_TOKEN");
            }
            return token;
        } catch (IOException e) {
            throw new AdminException("cannot read " + e.getMessage());
        }
    }

    private String password(String email) throws IOException {
        Path passwordFrom = given(c -> c.passwordFile);
        if (passwordFrom != null) {
            return Files.readString(passwordFrom).trim();
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

    private AdminException unreachable(IOException e) {
        String why = e.getMessage() != null ? e.getMessage()
                : e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
        return new AdminException("cannot reach the server at " + server() + " (" + why + "): is it running? Give"
                + " --server, or set MAIN_SERVER_URL or MAIN_SERVER_PORT as for broker run");
    }

    /** A failure to report to the operator: the message is printed, the exit status is 1. */
    public static class AdminException extends UserError {
        public AdminException(String message) {
            super(message);
        }
    }
}
