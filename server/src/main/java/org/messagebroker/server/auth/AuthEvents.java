package org.messagebroker.server.auth;

import java.time.Instant;

/** What happens to a user's sign-in, published for whoever keeps track (the audit trail, the e-mail notices). */
public final class AuthEvents {

    private AuthEvents() {
    }

    /** A wrong email or password; {@code userId} is null when no user has that email. */
    public record LoginFailed(Long userId, String email, String ip) {
    }

    public record LoggedIn(long userId, String clientId, String ip) {
    }

    /** {@code allSessions}: every token of the user revoked, not only this session's. */
    public record LoggedOut(long userId, boolean allSessions, String ip) {
    }

    public record PasswordChanged(long userId, String ip) {
    }

    /** Too many wrong passwords for an account: sign-ins from new addresses wait until {@code until}. */
    public record AccountLocked(long userId, String ip, Instant until) {
    }
}
