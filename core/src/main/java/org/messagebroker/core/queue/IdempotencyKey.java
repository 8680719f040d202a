package org.messagebroker.core.queue;

import java.time.Duration;

/**
 * A client's {@code Idempotency-Key}: within {@code ttl}, a second request with the same key from the
 * same client gets the first request's message instead of a new one.
 *
 * @param requestHash a digest of the request, so reusing a key for a different request can be refused
 */
public record IdempotencyKey(String clientId, String key, String requestHash, Duration ttl) {
}
