package org.messagebroker.core.queue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One accepted message as it travels from the proxy through the queue and the worker to the server.
 * The content is sealed for the server: the queue and the worker cannot read it.
 */
public record QueuedMessage(
        @JsonProperty("message_id") String messageId,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("domain") String domain,
        @JsonProperty("queued_at") Instant queuedAt,
        @JsonProperty("sealed") String sealed) {
}
