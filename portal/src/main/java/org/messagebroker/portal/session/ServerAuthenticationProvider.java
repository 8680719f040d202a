package org.messagebroker.portal.session;

import java.time.Instant;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks the login form against the server's login API and keeps the returned bearer token in the
 * session's authentication (server side; the browser only holds the session cookie).
 */
@Component
class ServerAuthenticationProvider implements AuthenticationProvider {

    private final ServerApi server;

    ServerAuthenticationProvider(ServerApi server) {
        this.server = server;
    }

    @Override
    public Authentication authenticate(Authentication form) {
        String email = form.getName();
        String password = form.getCredentials() == null ? "" : form.getCredentials().toString();
        JsonNode login;
        try {
            login = server.login(email, password);
        } catch (ServerApi.ApiException e) {
            throw switch (e.status()) {
                case 401 -> new BadCredentialsException("Invalid email or password");
                case 403 -> new DisabledException("This account is inactive");
                case 429 -> new BadCredentialsException(e.getMessage());
                default -> new AuthenticationServiceException(e.getMessage());
            };
        }
        Instant now = Instant.now();
        PortalUser principal = PortalUser.of(login, now, now);
        return authentication(principal);
    }

    static Authentication authentication(PortalUser principal) {
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + principal.role().toUpperCase())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
