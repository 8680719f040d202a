package org.messagebroker.core.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.messagebroker.core.intake.IdempotencyKeyReusedException;
import org.messagebroker.core.intake.InvalidSubmissionException;
import org.messagebroker.core.intake.RateLimitedException;
import org.messagebroker.core.queue.QueueUnavailableException;

/**
 * How an entry point answers a refusal, whichever web stack it runs on: the status, what to tell the
 * client, extra problem members and headers. The one mapping from the intake's exceptions and the
 * use cases' {@link Rejection}s to HTTP; the proxy and the server both use it.
 */
public record Refusal(int status, String detail, Map<String, Object> properties, Map<String, String> headers) {

    /** A refusal with nothing extra, except that a 401 names the scheme the API wants (RFC 6750). */
    public static Refusal of(int status, String detail) {
        return new Refusal(status, detail, Map.of(), status == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of());
    }

    /** The refusal for a rejection or one of the intake's exceptions, or empty for anything else. */
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
            case Rejection.Invalid invalid -> Optional.of(of(400, invalid.getMessage()));
            case Rejection.Unauthenticated unknown -> Optional.of(of(401, unknown.getMessage()));
            case Rejection.Forbidden forbidden -> Optional.of(of(403, forbidden.getMessage()));
            case Rejection.NotFound missing -> Optional.of(of(404, missing.getMessage()));
            case Rejection.Conflict conflict -> Optional.of(of(409, conflict.getMessage()));
            default -> Optional.empty();
        };
    }
}
