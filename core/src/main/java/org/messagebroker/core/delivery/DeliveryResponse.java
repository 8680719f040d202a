package org.messagebroker.core.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The server's per-message answer to a {@link DeliveryRequest}, in the request's order. */
public record DeliveryResponse(@JsonProperty("results") List<ItemResult> results) {

    /** What happened to one message. */
    public enum Outcome {
        /** Newly stored. */
        STORED,
        /** Already stored by an earlier delivery; nothing changed. */
        DUPLICATE,
        /** Can never be stored (unknown client, unreadable payload, invalid content); do not retry. */
        REJECTED
    }

    public record ItemResult(
            @JsonProperty("message_id") String messageId,
            @JsonProperty("outcome") Outcome outcome,
            @JsonProperty("reason") String reason) {
    }
}
