package org.messagebroker.proxy.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The client's JSON: {@code {sender_number, message_body, metadata?}}. Unknown fields are ignored. */
public record SubmitRequest(
        @JsonProperty("sender_number") String senderNumber,
        @JsonProperty("message_body") String messageBody,
        @JsonProperty("metadata") Map<String, Object> metadata) {

    /** The domain from the metadata, null when absent; everything else in it is the proxy's. */
    public String domain() {
        Object domain = metadata == null ? null : metadata.get("domain");
        return domain instanceof String text ? text : null;
    }
}
