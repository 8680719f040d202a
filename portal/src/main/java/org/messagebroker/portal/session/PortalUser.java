package org.messagebroker.portal.session;

import java.io.Serializable;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Who is logged in, the tokens the portal uses on their behalf (kept server side, never sent to the
 * browser), when the access token runs out and when the user logged in (for the absolute session limit).
 */
public record PortalUser(long id, String email, String role, String clientId, String accessToken,
        String refreshToken, Instant accessExpiresAt, Instant loggedInAt) implements Serializable {

    /** The user as the server describes them in a login or refresh answer, holding that answer's tokens. */
    static PortalUser of(JsonNode tokens, Instant now, Instant loggedInAt) {
        JsonNode user = tokens.path("user");
        JsonNode client = user.path("client_id");
        return new PortalUser(user.path("id").asLong(), user.path("email").asString(), user.path("role").asString(),
                client.isString() ? client.asString() : null, tokens.path("access_token").asString(),
                tokens.path("refresh_token").asString(), now.plusSeconds(tokens.path("expires_in").asLong()), loggedInAt);
    }

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    @Override
    public String toString() {
        return "PortalUser[" + email + ", " + role + "]";
    }
}
