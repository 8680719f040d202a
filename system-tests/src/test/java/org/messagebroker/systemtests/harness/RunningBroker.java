package org.messagebroker.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.messagebroker.cli.run.Role;
import org.messagebroker.cli.run.RoleLauncher;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.seal.EnvelopeSealer;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.core.tls.TlsContexts;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Roles started for real on free ports over a temporary data directory, and HTTPS clients for them. */
public final class RunningBroker implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public final Path dir;
    public final int proxyPort = freePort();
    public final int serverPort = freePort();
    public final int internalPort = freePort();
    public final int portalPort = freePort();
    public final int workerPort = freePort();
    public final int proxyMetricsPort = freePort();
    public final int serverMetricsPort = freePort();
    private final Map<String, Object> settings;
    private final Map<Role, ConfigurableApplicationContext> contexts = new EnumMap<>(Role.class);

    public RunningBroker(Path dir, List<Role> roles) {
        this(dir, roles, Map.of());
    }

    public RunningBroker(Path dir, List<Role> roles, Map<String, Object> extraSettings) {
        this.dir = dir;
        Map<String, Object> settings = new HashMap<>(extraSettings);
        settings.put("PROXY_PORT", proxyPort);
        settings.put("MAIN_SERVER_PORT", serverPort);
        settings.put("MAIN_SERVER_INTERNAL_PORT", internalPort);
        settings.put("PORTAL_PORT", portalPort);
        settings.put("WORKER_METRICS_PORT", workerPort);
        settings.put("PROXY_METRICS_PORT", proxyMetricsPort);
        settings.put("MAIN_SERVER_METRICS_PORT", serverMetricsPort);
        settings.put("WORKER_POLL_INTERVAL", "50ms");
        settings.put("RATE_LIMIT_PER_MINUTE", 1_000_000);
        // Test reports keep the roles' INFO lines, which a newcomer's console does not show.
        settings.put("LOG_CONSOLE_LEVEL", "INFO");
        settings.put("PROXY_ACCESS_REFRESH_INTERVAL", "500ms");
        this.settings = settings;
        roles.forEach(this::start);
    }

    /** Starts a role (again) on the same ports and data directory. */
    public void start(Role role) {
        start(role, Map.of());
    }

    /** Starts a role with settings of its own on top of this broker's. */
    public void start(Role role, Map<String, Object> more) {
        Map<String, Object> combined = new HashMap<>(settings);
        combined.putAll(more);
        contexts.put(role, RoleLauncher.start(List.of(role), dir, combined).getFirst());
    }

    public void stop(Role role) {
        contexts.remove(role).close();
    }

    /** An HTTPS client presenting the given certificate (or none) and trusting only our CA. */
    public HttpClient client(String certificateName) {
        SSLContext tls = certificateName == null ? TlsContexts.trusting(dir.resolve("ca.crt"))
                : TlsContexts.mutual(dir.resolve(certificateName + ".crt"), dir.resolve(certificateName + ".key"),
                        dir.resolve("ca.crt"));
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        return send(client, request, HttpResponse.BodyHandlers.ofString());
    }

    public static <T> HttpResponse<T> send(HttpClient client, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpRequest.Builder postJson(URI uri, String json) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public URI proxy(String path) {
        return URI.create("https://localhost:" + proxyPort + path);
    }

    public URI server(String path) {
        return URI.create("https://localhost:" + serverPort + path);
    }

    public URI internal(String path) {
        return URI.create("https://localhost:" + internalPort + path);
    }

    /** A role's Prometheus endpoint: plain HTTP on loopback (the proxy's and the server's management ports). */
    public URI metrics(Role role) {
        int port = switch (role) {
            case PROXY -> proxyMetricsPort;
            case SERVER -> serverMetricsPort;
            case WORKER -> workerPort;
            case PORTAL -> throw new IllegalArgumentException("the portal has no metrics");
        };
        return URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    public URI portal(String path) {
        return URI.create("https://localhost:" + portalPort + path);
    }

    public String initialAdminPassword() {
        try {
            return Files.readAllLines(dir.resolve("initial-admin.txt")).stream()
                    .filter(line -> line.startsWith("password=")).findFirst().orElseThrow().substring(9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs in through the server's portal API and answers the bearer token. */
    public String adminToken() {
        HttpResponse<String> login = send(client(null), postJson(server("/portal/auth/login"),
                "{\"email\":\"admin@example.com\",\"password\":\"" + initialAdminPassword() + "\"}"));
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + login.statusCode() + " " + login.body());
        }
        return json(login).path("access_token").asString();
    }

    /** Submits a message with the demo client certificate; answers the 202's message id. */
    public String submit(String body) {
        return submit("demo-client", body);
    }

    /** Submits a message with the certificate {@code certificateName}.crt/.key in the data directory. */
    public String submit(String certificateName, String body) {
        HttpResponse<String> accepted = send(client(certificateName), postJson(proxy("/api/v1/messages"),
                JSON.writeValueAsString(Map.of("sender_number", "+4915200000000", "message_body", body))));
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("not accepted: " + accepted.statusCode() + " " + accepted.body());
        }
        return json(accepted).path("message_id").asString();
    }

    /** Waits until the portal API lists the message as delivered, and answers it. */
    public JsonNode awaitDelivered(String token, String messageId) {
        return awaitStatus(token, messageId, "delivered");
    }

    /** Waits until the portal API lists the message with the given status, and answers it. */
    public JsonNode awaitStatus(String token, String messageId, String status) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> findMessage(token, messageId),
                        found -> found != null && found.path("status").asString().equals(status));
    }

    /** GET on the server's API as the bearer of {@code token}; answers the JSON body of a 200. */
    public JsonNode getJson(String token, String path) {
        HttpResponse<String> response = send(client(null), HttpRequest.newBuilder(server(path))
                .header("Authorization", "Bearer " + token).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    /**
     * Registers a client through the admin API ({@code POST /admin/certificates/generate}) and writes its
     * certificate and key as {@code clientId}.crt/.key in the data directory; answers the response.
     */
    public JsonNode registerClient(String token, String clientId) {
        return registerClient(token, clientId, "");
    }

    /** The same, with a certificate valid for {@code validityDays} days. */
    public JsonNode registerClient(String token, String clientId, int validityDays) {
        return registerClient(token, clientId, ",\"validity_days\":" + validityDays);
    }

    private JsonNode registerClient(String token, String clientId, String moreFields) {
        HttpResponse<String> response = send(client(null), postJson(server("/admin/certificates/generate"),
                "{\"client_id\":\"" + clientId + "\"" + moreFields + "}").header("Authorization", "Bearer " + token));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("generate: " + response.statusCode() + " " + response.body());
        }
        JsonNode issued = json(response);
        PemFiles.writePublic(dir.resolve(clientId + ".crt"), issued.path("certificate").asString());
        PemFiles.writeOwnerOnly(dir.resolve(clientId + ".key"), issued.path("private_key").asString());
        awaitKnownToProxy(clientId);
        return issued;
    }

    /**
     * Waits until the running proxy admits the client's certificate: it learns of new clients on its next
     * access-list refresh. Asks for the status of a message that does not exist, which creates nothing and
     * answers 403 only while the client is unknown. Returns at once when this broker runs no proxy.
     */
    private void awaitKnownToProxy(String clientId) {
        if (!contexts.containsKey(Role.PROXY)) {
            return;
        }
        HttpClient client = client(clientId);
        URI nothing = proxy("/api/v1/messages/" + UUID.randomUUID());
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> send(client, HttpRequest.newBuilder(nothing).GET()).statusCode() != 403);
    }

    /**
     * Issues a new certificate for a component (server, proxy, worker, portal) and writes it and its key
     * where that component reads them, as an operator rotating it would; answers its serial number.
     */
    public BigInteger rotateComponentCertificate(String token, String component) {
        HttpResponse<String> response = postJsonAs(token, "/admin/certificates/component",
                "{\"name\":\"" + component + "\",\"dns_names\":[\"localhost\"],\"ip_addresses\":[\"127.0.0.1\"]}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("component certificate: " + response.statusCode() + " " + response.body());
        }
        JsonNode issued = json(response);
        PemFiles.writeOwnerOnly(dir.resolve("tls/" + component + ".key"), issued.path("private_key").asString());
        PemFiles.writePublic(dir.resolve("tls/" + component + ".crt"), issued.path("certificate").asString());
        return PemFiles.parseCertificate(issued.path("certificate").asString()).getSerialNumber();
    }

    /** The sum of a metric's samples (all label sets) on a Prometheus text endpoint without TLS. */
    public static double metricSum(URI endpoint, String metric) {
        String body = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(endpoint).GET()).body();
        return body.lines().filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Logs in through the server's portal API; answers the response (200 with tokens, or a problem). */
    public HttpResponse<String> login(String email, String password) {
        return send(client(null), postJson(server("/portal/auth/login"),
                JSON.writeValueAsString(Map.of("email", email, "password", password))));
    }

    /** Any request on the server's API as the bearer of {@code token}. */
    public HttpResponse<String> as(String token, String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server(path)).header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(client(null), request);
    }

    /** The running role's Spring context, for tests that must reach behind the API (a tampered row). */
    public ConfigurableApplicationContext context(Role role) {
        return contexts.get(role);
    }

    /**
     * Queues a message, sealed for the server, as if a proxy had accepted it for {@code clientId}: for a
     * client the server does not know, it becomes a dead letter. Answers its id.
     */
    public String enqueueSealed(String clientId, String body) {
        String id = UUID.randomUUID().toString();
        EnvelopeSealer sealer = context(Role.SERVER).getBean(EnvelopeSealer.class);
        context(Role.SERVER).getBean(MessageQueue.class).enqueue(new QueuedMessage(id, clientId, "default",
                Instant.now(), sealer.seal(id, new MessageContent("+4915200000000", body))));
        return id;
    }

    /** POST with a JSON body on the server's API as the bearer of {@code token}. */
    public HttpResponse<String> postJsonAs(String token, String path, String body) {
        return send(client(null), postJson(server(path), body).header("Authorization", "Bearer " + token));
    }

    /** POST without a body on the server's API as the bearer of {@code token}. */
    public HttpResponse<String> postAs(String token, String path) {
        return send(client(null), HttpRequest.newBuilder(server(path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode findMessage(String token, String messageId) {
        for (JsonNode message : getJson(token, "/portal/messages?per_page=100").path("messages")) {
            if (message.path("message_id").asString().equals(messageId)) {
                return message;
            }
        }
        return null;
    }

    @Override
    public void close() {
        List.copyOf(contexts.keySet()).reversed().forEach(this::stop);
    }

    /** The settings this broker's roles run with (ports included), for a role started as a process. */
    public Map<String, Object> settings() {
        return settings;
    }

    public static int freePort() {
        return FreePorts.next();
    }
}
