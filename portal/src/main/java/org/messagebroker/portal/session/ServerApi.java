package org.messagebroker.portal.session;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.messagebroker.core.tls.TlsContexts;
import org.messagebroker.portal.PortalSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The portal's only way to data: the server's portal API over HTTPS, verified against our CA. */
@Component
public class ServerApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http;
    private final URI base;
    private final JsonMapper json;

    ServerApi(PortalSettings settings, JsonMapper json) {
        this.http = HttpClient.newBuilder().sslContext(TlsContexts.trusting(settings.portal().caCertificate()))
                .connectTimeout(TIMEOUT).build();
        this.base = settings.portal().serverUrl();
        this.json = json;
    }

    /** Answers the login response, or throws {@link ApiException} with the server's status and detail. */
    JsonNode login(String email, String password) {
        byte[] body = json.writeValueAsBytes(Map.of("email", email, "password", password));
        return send(HttpRequest.newBuilder(base.resolve("/portal/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), null);
    }

    /** Exchanges a refresh token for new tokens (the server rotates it); throws {@link ApiException} if refused. */
    JsonNode refresh(String refreshToken) {
        return send("POST", "/portal/auth/refresh", Map.of("refresh_token", refreshToken), null);
    }

    /** Ends the session's token family on the server and audits the logout. */
    void logout(PortalUser user) {
        send("POST", "/portal/auth/logout", Map.of("refresh_token", user.refreshToken()), user.accessToken());
    }

    public JsonNode get(String path, Map<String, String> query, String token) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET(), token);
    }

    /** A POST, PUT or DELETE with a JSON body (or none) as the bearer of {@code token}. */
    public JsonNode send(String method, String path, Object body, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))), token);
    }

    /** A GET whose body is not JSON (the CSV export), passed through as bytes. */
    public byte[] raw(String path, Map<String, String> query, String token) {
        HttpResponse<byte[]> response = exchange(HttpRequest.newBuilder(uri(path, query)).GET(), token);
        if (response.statusCode() >= 400) {
            throw new ApiException(response.statusCode(), "The server refused the export.");
        }
        return response.body();
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            if (parameter.getValue() != null && !parameter.getValue().isBlank()) {
                uri.append(separator).append(parameter.getKey()).append('=')
                        .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return base.resolve(uri.toString());
    }

    private HttpResponse<byte[]> exchange(HttpRequest.Builder request, String token) {
        request.timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // The server throttles logins and audits by address: tell it the user's, not the portal's.
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes page) {
            request.header("X-Forwarded-For", page.getRequest().getRemoteAddr());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ApiException(503, "The server cannot be reached. Try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "Interrupted.");
        }
    }

    private JsonNode send(HttpRequest.Builder request, String token) {
        HttpResponse<byte[]> response = exchange(request.header("Accept", "application/json"), token);
        JsonNode body = response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new ApiException(response.statusCode(), body.path("detail").asString("The server refused the request."));
        }
        return body;
    }

    /** The server answered an error, or could not be reached (503). */
    public static class ApiException extends RuntimeException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
