package org.messagebroker.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.user.PasswordPolicy;
import org.messagebroker.server.user.UserAccount;
import org.messagebroker.server.user.UserRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Logging in and out, refreshing, changing one's password; every outcome is audited. */
@RestController
class LoginController {

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    // Compared against when the e-mail is unknown, so both failures cost one bcrypt check.
    private final String unknownUserHash;

    LoginController(UserRepository users, PasswordEncoder passwords, TokenService tokens, RefreshTokens refreshTokens,
            LoginThrottle throttle, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
        this.unknownUserHash = passwords.encode("no such user, no such password");
    }

    @PostMapping("/portal/auth/login")
    ResponseEntity<?> login(@RequestBody LoginRequest request, HttpServletRequest http) {
        String address = http.getRemoteAddr();
        long wait = throttle.retryAfterSeconds(request.email(), address);
        if (wait > 0) {
            throw new TooManyAttempts("failed logins", wait);
        }
        String password = request.password() == null ? "" : request.password();
        Optional<UserAccount> user = request.email() == null ? Optional.empty() : users.findByEmail(request.email());
        boolean matches = password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 72
                && passwords.matches(password, user.map(UserAccount::passwordHash).orElse(unknownUserHash));
        if (user.isEmpty() || !matches) {
            Instant lockedUntil = throttle.failed(request.email(), address);
            events.publishEvent(new AuthEvents.LoginFailed(user.map(UserAccount::id).orElse(null), request.email(),
                    address));
            if (lockedUntil != null && user.isPresent()) {
                events.publishEvent(new AuthEvents.AccountLocked(user.get().id(), address, lockedUntil));
            }
            throw new Rejection.Unauthenticated("Incorrect email or password");
        }
        UserAccount account = user.get();
        if (!account.active()) {
            throw new Rejection.Forbidden("Account is inactive");
        }
        throttle.succeeded(request.email(), address);
        users.recordLogin(account.id(), clock.instant());
        events.publishEvent(new AuthEvents.LoggedIn(account.id(), account.clientId(), address));
        return ResponseEntity.ok(tokenResponse(account, refreshTokens.issue(account.id(), account.tokenVersion())));
    }

    @PostMapping("/portal/auth/refresh")
    Map<String, Object> refresh(@RequestBody RefreshRequest request) {
        RefreshTokens.Rotated rotated = request.refreshToken() == null ? null
                : refreshTokens.rotate(request.refreshToken()).orElse(null);
        UserAccount user = rotated == null ? null : users.findById(rotated.userId())
                .filter(u -> u.active() && u.tokenVersion() == rotated.userTokenVersion()).orElse(null);
        if (user == null) {
            throw new Rejection.Unauthenticated("Invalid refresh token");
        }
        return tokenResponse(user, rotated);
    }

    @PostMapping("/portal/auth/logout")
    @Transactional
    ResponseEntity<Void> logout(@AuthenticationPrincipal UserAccount user, @RequestBody(required = false) RefreshRequest session,
            HttpServletRequest http) {
        long id = user.id();
        boolean oneSession = session != null && session.refreshToken() != null;
        if (oneSession) {
            // The portal ends one session: its refresh tokens; its access token lived only in that session.
            refreshTokens.revokeFamilyOf(session.refreshToken(), id);
        } else {
            users.revokeTokens(id);
        }
        events.publishEvent(new AuthEvents.LoggedOut(id, !oneSession, http.getRemoteAddr()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/portal/auth/password")
    @Transactional
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange request, @AuthenticationPrincipal UserAccount user,
            HttpServletRequest http) {
        long wait = throttle.passwordCheckRetryAfterSeconds(user.id(), http.getRemoteAddr());
        if (wait > 0) {
            throw new TooManyAttempts("wrong current passwords", wait);
        }
        if (request.currentPassword() == null || !passwords.matches(request.currentPassword(), user.passwordHash())) {
            throttle.passwordCheckFailed(user.id(), http.getRemoteAddr());
            throw new Rejection.Forbidden("The current password is not right");
        }
        users.setPassword(user.id(), passwords.encode(PasswordPolicy.check(request.newPassword())), clock.instant());
        events.publishEvent(new AuthEvents.PasswordChanged(user.id(), http.getRemoteAddr()));
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> tokenResponse(UserAccount user, RefreshTokens.Rotated session) {
        UserAccount current = user;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.accessToken(current, session.familyId()));
        body.put("refresh_token", session.refreshToken());
        body.put("token_type", "bearer");
        body.put("expires_in", tokens.lifetime().toSeconds());
        body.put("user", current);
        return body;
    }

    record LoginRequest(@JsonProperty("email") String email, @JsonProperty("password") String password) {
    }

    record RefreshRequest(@JsonProperty("refresh_token") String refreshToken) {
    }

    record PasswordChange(@JsonProperty("current_password") String currentPassword,
            @JsonProperty("new_password") String newPassword) {
    }
}
