package org.messagebroker.core.intake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.messagebroker.core.queue.QueueUnavailableException;

/**
 * How an entry point answers the intake's refusals, whichever web stack it runs on: the status, what to
 * tell the client, extra problem members and headers. The proxy and the server's portal API both use it.
 */
public record Refusal(int status, String detail, Map<String, Object> properties, Map<String, String> headers) {

    /** The refusal for one of the intake's exceptions, or empty for anything else. */
    public static Optional<Refusal> of(Throwable failure) {
        return switch (failure) {
            case InvalidSubmissionException invalid -> Optional.of(new Refusal(400, invalid.getMessage(),
                    Map.of("errors", invalid.errors().stream()
                            .map(error -> Map.of("field", error.field(), "reason", error.reason())).toList()),
                    Map.of()));
            case IdempotencyKeyReusedException reused -> Optional.of(new Refusal(422, reused.getMessage(),
                    Map.of("error", "idempotency_key_reused"), Map.of()));
            case RateLimitedException limited -> {
                Map<String, String> headers = new LinkedHashMap<>(limited.decision().headers());
                headers.put("Retry-After", Long.toString(limited.decision().retryAfterSeconds()));
                yield Optional.of(new Refusal(429, limited.getMessage(),
                        Map.of("retry_after", limited.decision().retryAfterSeconds()), headers));
            }
            case QueueUnavailableException down -> Optional.of(new Refusal(503,
                    "The message was not accepted: the queue is unavailable. Retry later.", Map.of(),
                    Map.of("Retry-After", "5")));
            default -> Optional.empty();
        };
    }
}
