package org.messagebroker.portal.session;

import java.time.Clock;
import java.time.Duration;
import org.messagebroker.portal.PortalSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Form login against the server, CSRF on every form, a new session id at login, idle and absolute
 * session limits with a notice when a session ends, and a strict Content Security Policy (no inline
 * scripts or styles, no framing).
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    /** Named in broker-portal.properties; deleted at logout so a later visit is not taken for an expired session. */
    private static final String SESSION_COOKIE = "BROKER_SESSION";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain portal(HttpSecurity http, ServerApi server, PortalSettings settings) throws Exception {
        Duration absoluteTimeout = settings.portal().sessionAbsoluteTimeout();
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/login", "/health", "/webjars/**", "/css/**", "/js/**", "/favicon.svg",
                                "/error").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/", true)
                        .failureUrl("/login?error"))
                .logout(logout -> logout.logoutUrl("/logout")
                        .addLogoutHandler((request, response, authentication) -> endOnServer(server, authentication))
                        .deleteCookies(SESSION_COOKIE)
                        .logoutSuccessUrl("/login?logout"))
                .exceptionHandling(denied -> denied.authenticationEntryPoint((request, response, e) ->
                        response.sendRedirect(request.getContextPath() + (request.getRequestedSessionId() != null
                                && !request.isRequestedSessionIdValid() ? "/login?expired" : "/login"))))
                .addFilterAfter(new SessionLifetimeFilter(server::refresh, absoluteTimeout, Clock.systemUTC()), SecurityContextHolderFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** Revokes the session's refresh tokens; the logout goes ahead locally if the server cannot be reached. */
    private static void endOnServer(ServerApi server, Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof PortalUser user) {
            try {
                server.logout(user);
            } catch (ServerApi.ApiException unreachableOrExpired) {
                // The tokens lived only in this session, which the logout invalidates anyway.
            }
        }
    }
}
