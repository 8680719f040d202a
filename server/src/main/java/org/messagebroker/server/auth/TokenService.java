package org.messagebroker.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.user.UserAccount;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/** Issues short-lived HS256 access tokens with the claims the portal API reads. */
@Service
class TokenService {

    static final String TYPE_CLAIM = "type";
    static final String ACCESS = "access";
    static final String VERSION_CLAIM = "ver";
    static final String SESSION_CLAIM = "sid";

    private final JwtEncoder encoder;
    private final Clock clock;
    private final Duration lifetime;

    TokenService(JwtEncoder encoder, Clock clock, ServerSettings.Jwt settings) {
        this.encoder = encoder;
        this.clock = clock;
        this.lifetime = settings.accessTokenLifetime();
    }

    Duration lifetime() {
        return lifetime;
    }

    /** An access token of {@code session} (a refresh-token family): it stops working when the session ends. */
    String accessToken(UserAccount user, String session) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(Long.toString(user.id()))
                .claim("email", user.email())
                .claim("role", user.role())
                .claim(TYPE_CLAIM, ACCESS)
                .claim(VERSION_CLAIM, user.tokenVersion())
                .claim(SESSION_CLAIM, session)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
