package org.messagebroker.server.web;

import java.security.cert.X509Certificate;
import org.messagebroker.core.web.ProblemWriter;
import org.messagebroker.server.auth.CurrentUserConverter;
import org.messagebroker.server.ca.ComponentRole;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.preauth.x509.SubjectX500PrincipalExtractor;

/**
 * Two filter chains: the internal connector admits only component certificates, each to its own
 * endpoints; the main port takes bearer tokens for the portal and admin APIs. Problem details either way.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    /** The metrics port: plain HTTP, bound to loopback unless the operator opens it (METRICS_ADDRESS). */
    @Bean
    @Order(0)
    SecurityFilterChain metrics(HttpSecurity http, @Value("${management.server.port}") int metricsPort) throws Exception {
        return http
                .securityMatcher(request -> request.getLocalPort() == metricsPort)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/metrics").permitAll().anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * The internal connector: a certificate from our CA that carries a component role (no client's does),
     * and each endpoint open to the one role that needs it: deliveries and failures to workers, the access
     * list, status look-ups and renewals to proxies.
     */
    @Bean
    @Order(1)
    SecurityFilterChain internalApi(HttpSecurity http, ServerSettings settings) throws Exception {
        int internalPort = settings.internal().port();
        return http
                .securityMatcher(request -> request.getLocalPort() == internalPort)
                .x509(x509 -> x509
                        .x509PrincipalExtractor(new SubjectX500PrincipalExtractor())
                        .authenticationUserDetailsService(token -> {
                            ComponentRole role = token.getCredentials() instanceof X509Certificate certificate
                                    ? ComponentRole.of(certificate).orElse(null) : null;
                            if (role == null) {
                                throw new UsernameNotFoundException("not a component's certificate");
                            }
                            return new User(token.getName(), "", AuthorityUtils.createAuthorityList(
                                    "ROLE_" + role.name()));
                        }))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/internal/messages/deliver", "/internal/messages/failures")
                        .hasRole(ComponentRole.WORKER.name())
                        .requestMatchers(HttpMethod.GET, "/internal/clients/access", "/internal/messages/*")
                        .hasRole(ComponentRole.PROXY.name())
                        .requestMatchers(HttpMethod.POST, "/internal/certificates/renew").hasRole(ComponentRole.PROXY.name())
                        .requestMatchers("/internal/clients/*/webhook", "/internal/clients/*/webhook/*")
                        .hasRole(ComponentRole.PROXY.name())
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.FORBIDDEN.value(), "This certificate may not call the internal API."))
                        .accessDeniedHandler((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.FORBIDDEN.value(), "This component may not call this endpoint.")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, CurrentUserConverter tokens) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/health", "/portal/auth/login", "/portal/auth/refresh", "/error",
                                "/ca/**", "/openapi.yaml", "/openapi.json").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED.value(), "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.FORBIDDEN.value(), "Admin access required.")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED.value(), "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.FORBIDDEN.value(), "Admin access required.")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

}
