package org.messagebroker.portal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.testing.MutableClock;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** When a portal session refreshes its token, carries on, or ends, decided request by request. */
class SessionLifetimeFilterTest {

    static final Duration ABSOLUTE = Duration.ofHours(8);
    final Instant login = Instant.parse("2026-11-30T08:00:00Z");
    final MutableClock clock = new MutableClock(login);
    final MockHttpSession session = new MockHttpSession();
    final List<String> refreshedWith = new ArrayList<>();
    int generation;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /** The server's answer to a refresh: new tokens for 30 minutes. */
    private JsonNode refreshAnswer(String refreshToken) {
        refreshedWith.add(refreshToken);
        generation++;
        return JsonMapper.builder().build().readTree("{\"access_token\":\"access-" + generation + "\","
                + "\"refresh_token\":\"refresh-" + generation + "\",\"expires_in\":1800,"
                + "\"user\":{\"id\":7,\"email\":\"ann@example.com\",\"role\":\"user\",\"client_id\":\"acme\"}}");
    }

    private void signIn(String accessToken, String refreshToken, Instant expires) {
        PortalUser user = new PortalUser(7, "ann@example.com", "user", "acme", accessToken, refreshToken, expires, login);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(ServerAuthenticationProvider.authentication(user));
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        SecurityContextHolder.setContext(context);
    }

    /** One request of the session through the filter; answers whether it reached the page. */
    private boolean request(SessionLifetimeFilter filter, MockHttpServletResponse response) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/messages");
        request.setSession(session);
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return chain.getRequest() != null;
    }

    private PortalUser current() {
        return (PortalUser) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }

    @Test
    void aTokenFarFromItsEndIsUsedAsItIs() throws Exception {
        signIn("access-0", "refresh-0", login.plus(Duration.ofMinutes(30)));

        assertThat(request(new SessionLifetimeFilter(this::refreshAnswer, ABSOLUTE, clock),
                new MockHttpServletResponse())).isTrue();
        assertThat(refreshedWith).isEmpty();
    }

    @Test
    void aTokenAboutToEndIsRefreshedOnceAndTheSessionKeepsTheNewOne() throws Exception {
        SessionLifetimeFilter filter = new SessionLifetimeFilter(this::refreshAnswer, ABSOLUTE, clock);
        signIn("access-0", "refresh-0", login.plus(Duration.ofMinutes(30)));
        SecurityContext stale = SecurityContextHolder.getContext();
        clock.advance(Duration.ofMinutes(29).plusSeconds(45));

        assertThat(request(filter, new MockHttpServletResponse())).isTrue();
        assertThat(current().accessToken()).isEqualTo("access-1");
        assertThat(current().loggedInAt()).as("the absolute limit still counts from the login").isEqualTo(login);

        // A second request of the same session that started with the old context does not refresh again:
        // the server would take a second use of refresh-0 for theft.
        SecurityContextHolder.setContext(stale);
        assertThat(request(filter, new MockHttpServletResponse())).isTrue();
        assertThat(refreshedWith).containsExactly("refresh-0");
        assertThat(current().accessToken()).isEqualTo("access-1");
    }

    @Test
    void aSessionPastItsAbsoluteLimitEndsWithANoticeWhateverItsToken() throws Exception {
        signIn("access-0", "refresh-0", login.plus(Duration.ofHours(9)));
        clock.advance(ABSOLUTE);
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(request(new SessionLifetimeFilter(this::refreshAnswer, ABSOLUTE, clock), response)).isFalse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?expired");
        assertThat(session.isInvalid()).isTrue();
        assertThat(refreshedWith).isEmpty();
    }

    @Test
    void aRefreshTheServerRefusesEndsTheSession() throws Exception {
        signIn("access-0", "refresh-0", login.plus(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(30));
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(request(new SessionLifetimeFilter(token -> {
            throw new ServerApi.ApiException(401, "Invalid refresh token");
        }, ABSOLUTE, clock), response)).isFalse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?expired");
    }

    @Test
    void anUnreachableServerDoesNotEndTheSession() throws Exception {
        signIn("access-0", "refresh-0", login.plus(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(30));

        assertThat(request(new SessionLifetimeFilter(token -> {
            throw new ServerApi.ApiException(503, "The server cannot be reached");
        }, ABSOLUTE, clock), new MockHttpServletResponse())).isTrue();
        assertThat(session.isInvalid()).isFalse();
    }
}
