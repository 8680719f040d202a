package org.messagebroker.server.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A person who logs in to the portal. {@code clientId} scopes a user's messages; admins see all. */
public record UserAccount(
        @JsonProperty("id") long id,
        @JsonProperty("email") String email,
        @JsonIgnore String passwordHash,
        @JsonProperty("role") String role,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("is_active") boolean active,
        @JsonProperty("last_login") Instant lastLogin,
        @JsonProperty("created_at") Instant createdAt,
        @JsonIgnore int tokenVersion) {

    @JsonIgnore
    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
