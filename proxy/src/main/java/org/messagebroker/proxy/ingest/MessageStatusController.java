package org.messagebroker.proxy.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.QueuedStatus;
import org.messagebroker.proxy.access.ClientGate;
import org.messagebroker.proxy.serverapi.InternalApi;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/messages/{id}}: the status of one of the calling client's messages, {@code queued}
 * while it is in the queue, then what the server stored. Another client's id answers 404, like one that
 * does not exist. The queue is asked first, so a message acknowledged in between is found on the server.
 */
@RestController
class MessageStatusController {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ClientGate gate;
    private final MessageQueue queue;
    private final InternalApi server;
    private final JsonMapper json;

    MessageStatusController(ClientGate gate, MessageQueue queue, InternalApi server, JsonMapper json) {
        this.gate = gate;
        this.queue = queue;
        this.server = server;
        this.json = json;
    }

    @GetMapping("/api/v1/messages/{messageId}")
    Map<String, Object> status(@PathVariable String messageId, HttpServletRequest http) throws IOException {
        String clientId = gate.admit(http).clientId();
        if (!UUID.matcher(messageId).matches()) {
            throw notFound();
        }
        Optional<QueuedStatus> queued = queue.find(messageId);
        if (queued.isPresent()) {
            if (!queued.get().clientId().equals(clientId)) {
                throw notFound();
            }
            return Map.of("message_id", messageId, "client_id", clientId, "status", "queued",
                    "attempt_count", queued.get().attempts(), "queued_at", queued.get().queuedAt().toString());
        }
        HttpResponse<byte[]> stored;
        try {
            stored = server.get("/internal/messages/" + messageId);
        } catch (IOException unreachable) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The message is not in the queue and the server cannot be asked right now; retry later");
        }
        if (stored.statusCode() == 404) {
            throw notFound();
        }
        if (stored.statusCode() != 200) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The server cannot answer right now");
        }
        JsonNode message = json.readTree(stored.body());
        if (!clientId.equals(message.path("client_id").asString())) {
            throw notFound();
        }
        Map<String, Object> status = new LinkedHashMap<>();
        for (String field : new String[] {"message_id", "client_id", "status", "attempt_count", "queued_at",
                "delivered_at", "last_attempt_at"}) {
            status.put(field, json.treeToValue(message.path(field), Object.class));
        }
        return status;
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "This client has no message with that id");
    }
}
