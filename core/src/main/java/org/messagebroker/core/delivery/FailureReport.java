package org.messagebroker.core.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.messagebroker.core.queue.QueuedMessage;

/** Messages a worker gave up on, reported so the server records them as failed dead letters. */
public record FailureReport(@JsonProperty("failures") List<Failure> failures) {

    public record Failure(
            @JsonProperty("message") QueuedMessage message,
            @JsonProperty("attempt_count") int attemptCount,
            @JsonProperty("reason") String reason,
            @JsonProperty("failed_at") Instant failedAt) {
    }
}
