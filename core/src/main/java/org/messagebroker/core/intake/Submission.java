package org.messagebroker.core.intake;

import org.jspecify.annotations.Nullable;

/**
 * A message a client asks to send, whichever way it came in (the proxy's API, the portal): who sends it
 * ({@link Origin}), what it says, its domain ({@code null} for the default) and the client's
 * {@code Idempotency-Key}, if any.
 */
public record Submission(Origin origin, @Nullable String senderNumber, @Nullable String messageBody,
        @Nullable String domain, @Nullable String idempotencyKey) {

    static final String DEFAULT_DOMAIN = "default";

    public String clientId() {
        return origin.clientId();
    }

    /** The domain the message is filed under: the one given, or {@code default}. */
    public String domainOrDefault() {
        return domain == null || domain.isBlank() ? DEFAULT_DOMAIN : domain;
    }
}
