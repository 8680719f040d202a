package org.messagebroker.core.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.messagebroker.core.queue.QueuedMessage;

/** Messages a worker gave up on, reported so the server records them as failed dead letters. */
public record FailureReport(@JsonProperty("failures") List<Failure> failures) {

    /**
     * One message given up on. {@code reason} is for people; {@code cause} is for counting (metrics), so the
     * server never reads the worker's text. A worker before 1.1 sends no cause: counted as {@code rejected}.
     */
    public record Failure(
            @JsonProperty("message") QueuedMessage message,
            @JsonProperty("attempt_count") int attemptCount,
            @JsonProperty("reason") String reason,
            @JsonProperty("failed_at") Instant failedAt,
            @JsonProperty("cause") Cause cause) {
    }

    /** Why a worker gave up on a message. */
    public enum Cause {
        /** Every allowed delivery attempt failed for a temporary reason. */
        @JsonProperty("max_attempts_exceeded") MAX_ATTEMPTS_EXCEEDED,
        /** The server rejected the message for good (unreadable, invalid, its client unknown or revoked). */
        @JsonProperty("rejected") REJECTED;

        /** The {@code reason} label of the failure counters. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
