package org.messagebroker.proxy.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.messagebroker.core.tls.InternalApiClient;
import org.messagebroker.proxy.access.ClientGate;
import org.messagebroker.proxy.http.Json;
import org.messagebroker.proxy.http.ProxyException;
import org.messagebroker.proxy.http.ProxyRequest;
import org.messagebroker.proxy.http.ProxyResponse;
import org.messagebroker.proxy.http.Route;
import org.messagebroker.proxy.http.Routes;
import org.messagebroker.proxy.http.ServerRelay;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * {@code /api/v1/webhook}: a client registers, changes, tries and removes its own webhook and rotates its
 * secret, authenticated by its certificate; the main server keeps it (forwarded over the internal API).
 */
@Component
class WebhookEndpoint implements Routes {

    private static final String PATH = "/api/v1/webhook";

    private final ClientGate gate;
    private final InternalApiClient server;

    WebhookEndpoint(ClientGate gate, InternalApiClient server) {
        this.gate = gate;
        this.server = server;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("GET", PATH, request -> relay(request, "GET", "")),
                new Route("PUT", PATH, this::save),
                new Route("DELETE", PATH, request -> relay(request, "DELETE", "")),
                new Route("POST", PATH + "/secret", request -> relay(request, "POST", "/secret")),
                new Route("POST", PATH + "/test", request -> relay(request, "POST", "/test")),
                new Route("GET", PATH + "/events", request -> relay(request, "GET", "/events")));
    }

    private ProxyResponse save(ProxyRequest request) {
        Json.requireJson(request);
        WebhookRequest webhook;
        try {
            webhook = Json.MAPPER.readValue(request.body(), WebhookRequest.class);
        } catch (JacksonException e) {
            throw new ProxyException(400, "The request body is not valid JSON of the expected shape.");
        }
        if (webhook == null) {
            throw new ProxyException(400, "The request body must be a JSON object.");
        }
        String path = internalPath(request, "");
        byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("url", String.valueOf(webhook.url()),
                "events", webhook.events() == null ? List.of() : webhook.events(),
                "include_content", Boolean.TRUE.equals(webhook.includeContent())));
        return ServerRelay.relay(() -> server.put(path, body), "The main server");
    }

    private ProxyResponse relay(ProxyRequest request, String method, String suffix) {
        String path = internalPath(request, suffix);
        return ServerRelay.relay(() -> switch (method) {
            case "GET" -> server.get(path);
            case "DELETE" -> server.delete(path);
            default -> server.post(path, new byte[0]);
        }, "The main server");
    }

    private String internalPath(ProxyRequest request, String suffix) {
        String clientId = gate.admit(request.clientCertificate()).clientId();
        return "/internal/clients/" + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "/webhook" + suffix;
    }

    record WebhookRequest(@JsonProperty("url") String url, @JsonProperty("events") List<String> events,
            @JsonProperty("include_content") Boolean includeContent) {
    }
}
