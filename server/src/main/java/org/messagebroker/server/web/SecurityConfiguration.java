package org.messagebroker.server.web;

import java.util.Set;
import org.messagebroker.core.web.ProblemWriter;
import org.messagebroker.server.auth.CurrentUserConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
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
 * Two filter chains: the internal connector admits only the proxy and worker certificates; the main
 * port takes bearer tokens for the portal and admin APIs. Errors are problem details either way.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    @Bean
    @Order(1)
    SecurityFilterChain internalApi(HttpSecurity http, @Value("${broker.internal.port}") int internalPort,
            @Value("${broker.internal.allowed-identities:proxy,worker}") Set<String> allowed)
            throws Exception {
        return http
                .securityMatcher(request -> request.getLocalPort() == internalPort)
                .x509(x509 -> x509
                        .x509PrincipalExtractor(new SubjectX500PrincipalExtractor())
                        .userDetailsService(name -> {
                            if (!allowed.contains(name)) {
                                throw new UsernameNotFoundException("not an internal identity");
                            }
                            return new User(name, "", AuthorityUtils.createAuthorityList("ROLE_INTERNAL"));
                        }))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/internal/**").hasRole("INTERNAL")
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "This certificate may not call the internal API."))
                        .accessDeniedHandler((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "This certificate may not call the internal API.")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, CurrentUserConverter tokens) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/health", "/metrics", "/portal/auth/login", "/portal/auth/refresh", "/error",
                                "/ca/**", "/openapi.yaml").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "Admin access required.")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) ->
                                ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "Admin access required.")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

}
