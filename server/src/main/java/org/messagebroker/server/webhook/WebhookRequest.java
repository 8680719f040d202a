package org.messagebroker.server.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A webhook as an admin or a client asks for it. */
public record WebhookRequest(@JsonProperty("url") String url, @JsonProperty("events") List<String> events,
        @JsonProperty("include_content") Boolean includeContentOrNull) {

    /** Off unless asked for. */
    public boolean includeContent() {
        return Boolean.TRUE.equals(includeContentOrNull);
    }
}
