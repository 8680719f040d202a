package org.messagebroker.server.auth;

import org.messagebroker.server.user.UserAccount;
import org.messagebroker.server.user.UserRepository;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns a valid access token into the user as they are now: a deleted or deactivated user, a token
 * issued before a logout, role change or password change (its {@code ver} is behind), or one whose session
 * ended (logged out, or its refresh token reused and revoked: {@code sid}) is refused at once. The role is
 * taken from the records, not from the token, and the user loaded here is the request's principal.
 */
@Component
public class CurrentUserConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final UserRepository users;
    private final RefreshTokens sessions;

    CurrentUserConverter(UserRepository users, RefreshTokens sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        UserAccount user;
        try {
            user = users.findById(Long.parseLong(jwt.getSubject())).orElse(null);
        } catch (NumberFormatException malformed) {
            user = null;
        }
        Number version = jwt.getClaim(TokenService.VERSION_CLAIM);
        String session = jwt.getClaimAsString(TokenService.SESSION_CLAIM);
        if (user == null || !user.active() || version == null || version.intValue() != user.tokenVersion()
                || session == null || sessions.sessionEnded(session)) {
            throw new InvalidBearerTokenException("The token is no longer valid.");
        }
        return new UserAuthentication(user, jwt);
    }
}
