package org.messagebroker.portal.session;

import java.io.Serializable;

/** Who is logged in, and the bearer token the portal uses on their behalf. */
public record PortalUser(long id, String email, String role, String clientId, String accessToken)
        implements Serializable {

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    @Override
    public String toString() {
        return "PortalUser[" + email + ", " + role + "]";
    }
}
