package org.messagebroker.portal.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;

/**
 * Keeps a session going while its user is active, and ends it at its limits. The bearer token is
 * refreshed shortly before it runs out; a session past the absolute limit, or whose refresh the server
 * refuses (account deactivated, role changed, logged out everywhere), returns to the login page with a
 * notice. The idle limit is the servlet session's timeout.
 */
class SessionLifetimeFilter extends OncePerRequestFilter {

    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);

    private final TokenRefresh server;
    private final Duration absoluteLimit;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    // The server rotates a refresh token on every use and treats a second use as theft, so two requests of
    // one session must not both refresh: refreshes are serialised (they are rare and take milliseconds).
    private final ReentrantLock refreshing = new ReentrantLock();

    SessionLifetimeFilter(TokenRefresh server, Duration absoluteLimit, Clock clock) {
        this.server = server;
        this.absoluteLimit = absoluteLimit;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (portalUser(SecurityContextHolder.getContext()) instanceof PortalUser user) {
            Instant now = clock.instant();
            boolean alive = now.isBefore(user.loggedInAt().plus(absoluteLimit))
                    && (now.isBefore(user.accessExpiresAt().minus(REFRESH_AHEAD)) || refreshed(request, response, now));
            if (!alive) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                response.sendRedirect(request.getContextPath() + "/login?expired");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Renews the session's tokens unless another request of the session just did; false if refused. */
    private boolean refreshed(HttpServletRequest request, HttpServletResponse response, Instant now) {
        refreshing.lock();
        try {
            SecurityContext stored = contexts.loadDeferredContext(request).get();
            if (!(portalUser(stored) instanceof PortalUser current)) {
                return false;
            }
            if (now.isAfter(current.accessExpiresAt().minus(REFRESH_AHEAD))) {
                PortalUser renewed = PortalUser.of(server.refresh(current.refreshToken()), now, current.loggedInAt());
                stored = SecurityContextHolder.createEmptyContext();
                stored.setAuthentication(ServerAuthenticationProvider.authentication(renewed));
                contexts.saveContext(stored, request, response);
            }
            SecurityContextHolder.setContext(stored);
            return true;
        } catch (ServerApi.ApiException e) {
            // Unreachable server: carry on with the current token; the page explains the outage.
            return e.status() != 401;
        } finally {
            refreshing.unlock();
        }
    }

    private static Object portalUser(SecurityContext context) {
        Authentication authentication = context.getAuthentication();
        return authentication == null ? null : authentication.getPrincipal();
    }

    /** The server's token refresh ({@link ServerApi#refresh}): its answer, or {@link ServerApi.ApiException}. */
    @FunctionalInterface
    interface TokenRefresh {
        JsonNode refresh(String refreshToken);
    }
}
