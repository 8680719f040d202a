package org.messagebroker.queue.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.messagebroker.core.queue.QueuedMessage;

/** What one stream entry, retry or dead letter holds: the sealed message and its delivery history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EntryPayload(
        @JsonProperty("m") QueuedMessage message,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("reason") String reason,
        @JsonProperty("dead_at") Instant deadAt) {

    static EntryPayload fresh(QueuedMessage message) {
        return new EntryPayload(message, 0, null, null);
    }
}
