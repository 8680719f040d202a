package org.messagebroker.server.auth;

import org.messagebroker.server.user.UserAccount;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A request signed in with a valid access token: the principal is the user as the records have them now
 * (so controllers take {@code @AuthenticationPrincipal UserAccount}), the credentials the token.
 */
final class UserAuthentication extends AbstractAuthenticationToken {

    private final UserAccount user;
    private final Jwt token;

    UserAuthentication(UserAccount user, Jwt token) {
        super(AuthorityUtils.createAuthorityList("ROLE_" + user.role().toUpperCase(java.util.Locale.ROOT)));
        this.user = user;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public UserAccount getPrincipal() {
        return user;
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return Long.toString(user.id());
    }
}
