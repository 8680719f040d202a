package org.messagebroker.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.storage.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes. Each use rotates the token; presenting a token
 * that was already used (a stolen copy racing its owner) revokes its whole family, so both must log in.
 * A token carries the user's token version at issue: a logout or an account change voids it.
 */
@Component
class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;

    RefreshTokens(JdbcClient jdbc, Clock clock, ServerSettings.Jwt settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = settings.refreshTokenLifetime();
    }

    /** A new token in a new family (a login); the family is the session the access tokens name. */
    Rotated issue(long userId, int userTokenVersion) {
        String family = UUID.randomUUID().toString();
        return new Rotated(userId, userTokenVersion, issue(userId, userTokenVersion, family), family);
    }

    /** Exchanges a token for a new one of the same family; answers the user, or empty if refused. */
    @Transactional
    Optional<Rotated> rotate(String token) {
        Instant now = clock.instant();
        Optional<Row> row = jdbc.sql("SELECT user_id, family_id, expires_at, used_at, revoked_at, user_token_version"
                        + " FROM refresh_tokens WHERE token_hash = ?")
                .param(hash(token))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), DbTime.instant(rs.getObject(3, LocalDateTime.class)),
                        rs.getObject(4) != null, rs.getObject(5) != null, rs.getInt(6)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        if (r.used() || r.revoked()) {
            revokeFamily(r.familyId());
            return Optional.empty();
        }
        if (!r.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        int claimed = jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
                .params(DbTime.utc(now), hash(token)).update();
        if (claimed == 0) {
            revokeFamily(r.familyId());
            return Optional.empty();
        }
        return Optional.of(new Rotated(r.userId(), r.userTokenVersion(),
                issue(r.userId(), r.userTokenVersion(), r.familyId()), r.familyId()));
    }

    /** Revokes the family of one of the user's tokens (a logout from one session). */
    void revokeFamilyOf(String token, long userId) {
        jdbc.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = ? AND user_id = ?")
                .params(hash(token), userId).query(String.class).optional().ifPresent(this::revokeFamily);
    }

    /** Whether a session ended: logged out, or its refresh token was reused (theft) and it was revoked. */
    boolean sessionEnded(String familyId) {
        return jdbc.sql("SELECT COUNT(*) FROM refresh_tokens WHERE family_id = ? AND revoked_at IS NOT NULL")
                .param(familyId).query(Long.class).single() > 0;
    }

    Duration lifetime() {
        return lifetime;
    }

    private String issue(long userId, int userTokenVersion, String familyId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        jdbc.sql("INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at, user_token_version)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(hash(token), userId, familyId, DbTime.utc(clock.instant().plus(lifetime)), userTokenVersion)
                .update();
        return token;
    }

    private void revokeFamily(String familyId) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(DbTime.utc(clock.instant()), familyId).update();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refresh token just issued, with its family: the session. */
    record Rotated(long userId, int userTokenVersion, String refreshToken, String familyId) {
    }

    private record Row(long userId, String familyId, Instant expiresAt, boolean used, boolean revoked,
            int userTokenVersion) {
    }
}
