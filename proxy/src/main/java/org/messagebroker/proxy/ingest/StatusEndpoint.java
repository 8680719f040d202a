package org.messagebroker.proxy.ingest;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.messagebroker.core.queue.QueueInspector;
import org.messagebroker.core.queue.QueuedStatus;
import org.messagebroker.core.tls.InternalApiClient;
import org.messagebroker.proxy.access.ClientGate;
import org.messagebroker.proxy.http.Json;
import org.messagebroker.proxy.http.ProxyException;
import org.messagebroker.proxy.http.ProxyRequest;
import org.messagebroker.proxy.http.ProxyResponse;
import org.messagebroker.proxy.http.Route;
import org.messagebroker.proxy.http.Routes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/messages/{id}}: the status of one of the calling client's messages, {@code queued}
 * while it is in the queue, then what the server stored. Another client's id answers 404, like one that
 * does not exist. The queue is asked first, so a message acknowledged in between is found on the server.
 */
@Component
class StatusEndpoint implements Routes {

    private static final String PREFIX = "/api/v1/messages/";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ClientGate gate;
    private final QueueInspector queue;
    private final InternalApiClient server;

    StatusEndpoint(ClientGate gate, QueueInspector queue, InternalApiClient server) {
        this.gate = gate;
        this.queue = queue;
        this.server = server;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("GET", PREFIX + "{messageId}", this::status));
    }

    private ProxyResponse status(ProxyRequest request) {
        String clientId = gate.admit(request.clientCertificate()).clientId();
        String messageId = request.pathAfter(PREFIX);
        if (!UUID.matcher(messageId).matches()) {
            throw notFound();
        }
        Optional<QueuedStatus> queued = queue.find(messageId);
        if (queued.isPresent()) {
            if (!queued.get().clientId().equals(clientId)) {
                throw notFound();
            }
            return Json.response(200, Map.of("message_id", messageId, "client_id", clientId, "status", "queued",
                    "attempt_count", queued.get().attempts(), "queued_at", queued.get().queuedAt().toString()));
        }
        HttpResponse<byte[]> stored;
        try {
            stored = server.get("/internal/messages/" + messageId);
        } catch (IOException unreachable) {
            throw new ProxyException(503, "The message is not in the queue and the server cannot be asked right now;"
                    + " retry later").header("Retry-After", "5");
        }
        if (stored.statusCode() == 404) {
            throw notFound();
        }
        if (stored.statusCode() != 200) {
            throw new ProxyException(503, "The server cannot answer right now").header("Retry-After", "5");
        }
        JsonNode message = Json.MAPPER.readTree(stored.body());
        if (!clientId.equals(message.path("client_id").asString())) {
            throw notFound();
        }
        Map<String, Object> status = new LinkedHashMap<>();
        for (String field : new String[] {"message_id", "client_id", "status", "attempt_count", "queued_at",
                "delivered_at", "last_attempt_at"}) {
            status.put(field, Json.MAPPER.treeToValue(message.path(field), Object.class));
        }
        return Json.response(200, status);
    }

    private static ProxyException notFound() {
        return new ProxyException(404, "This client has no message with that id");
    }
}
