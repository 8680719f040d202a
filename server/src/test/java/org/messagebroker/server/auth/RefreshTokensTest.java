package org.messagebroker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.storage.ServerDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Refresh tokens on SQLite, MariaDB and PostgreSQL: rotation, theft detection, expiry, logout. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RefreshTokensTest {

    @Parameter
    TestDatabase database;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    JdbcClient jdbc;
    RefreshTokens tokens;
    long userId;

    @BeforeEach
    void setUp() {
        jdbc = ServerDatabases.empty(database);
        jdbc.sql("INSERT INTO users (email, password_hash, role) VALUES ('a@example.com', 'x', 'user')").update();
        userId = jdbc.sql("SELECT id FROM users").query(Long.class).single();
        tokens = new RefreshTokens(jdbc, clock, new ServerSettings.Jwt(Duration.ofMinutes(30), Duration.ofDays(7)));
    }

    @Test
    void eachUseGivesANewTokenOfTheSameSessionAndOnlyHashesAreStored() {
        RefreshTokens.Rotated login = tokens.issue(userId, 3);
        RefreshTokens.Rotated next = tokens.rotate(login.refreshToken()).orElseThrow();

        assertThat(next.refreshToken()).isNotEqualTo(login.refreshToken());
        assertThat(next.familyId()).isEqualTo(login.familyId());
        assertThat(next.userId()).isEqualTo(userId);
        assertThat(next.userTokenVersion()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT token_hash FROM refresh_tokens").query(String.class).list())
                .hasSize(2).doesNotContain(login.refreshToken(), next.refreshToken());
        assertThat(tokens.sessionEnded(login.familyId())).isFalse();
    }

    @Test
    void aTokenUsedTwiceIsTheftAndEndsTheWholeSession() {
        RefreshTokens.Rotated login = tokens.issue(userId, 0);
        RefreshTokens.Rotated owners = tokens.rotate(login.refreshToken()).orElseThrow();

        assertThat(tokens.rotate(login.refreshToken())).as("the stolen copy").isEmpty();
        assertThat(tokens.rotate(owners.refreshToken())).as("the owner's newer token too").isEmpty();
        assertThat(tokens.sessionEnded(login.familyId())).isTrue();
    }

    @Test
    void anExpiredOrUnknownTokenIsRefusedWithoutEndingTheSession() {
        RefreshTokens.Rotated login = tokens.issue(userId, 0);

        assertThat(tokens.rotate("not-a-token")).isEmpty();
        clock.advance(Duration.ofDays(7));
        assertThat(tokens.rotate(login.refreshToken())).isEmpty();
        assertThat(tokens.sessionEnded(login.familyId())).isFalse();
    }

    @Test
    void loggingOutOneSessionLeavesTheOthersAndIgnoresAnotherUsersToken() {
        RefreshTokens.Rotated laptop = tokens.issue(userId, 0);
        RefreshTokens.Rotated phone = tokens.issue(userId, 0);

        tokens.revokeFamilyOf(laptop.refreshToken(), userId + 1);
        assertThat(tokens.sessionEnded(laptop.familyId())).as("not this user's token").isFalse();
        tokens.revokeFamilyOf(laptop.refreshToken(), userId);

        assertThat(tokens.sessionEnded(laptop.familyId())).isTrue();
        assertThat(tokens.rotate(laptop.refreshToken())).isEmpty();
        assertThat(tokens.rotate(phone.refreshToken())).isPresent();
    }
}
