package org.messagebroker.server.client;

/** An admin set a client's rate limit; {@code requestsPerMinute} null means back to the default. */
public record RateLimitChanged(String clientId, long adminId, String ip, Integer requestsPerMinute) {
}
