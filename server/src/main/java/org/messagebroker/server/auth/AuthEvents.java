package org.messagebroker.server.auth;

/** What happens to a user's sign-in, published for whoever keeps track (the audit trail). */
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
}
