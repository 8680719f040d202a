package org.messagebroker.core.errors;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The members of every RFC 9457 problem the components answer, whichever stack writes it (Spring MVC,
 * a servlet filter, Tomcat's error valve, the proxy's Netty handler): {@code type}, {@code title},
 * {@code status}, {@code detail}, Message Broker 1.0 API's {@code error} code, any extra members,
 * {@code request_id} and {@code timestamp}.
 */
public final class ProblemBody {

    public static final String CONTENT_TYPE = "application/problem+json";

    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(400, "validation_error"), Map.entry(401, "authentication_error"),
            Map.entry(403, "authorization_error"), Map.entry(404, "not_found"),
            Map.entry(405, "method_not_allowed"), Map.entry(406, "not_acceptable"), Map.entry(409, "conflict"),
            Map.entry(413, "payload_too_large"), Map.entry(415, "unsupported_media_type"),
            Map.entry(429, "rate_limit_exceeded"), Map.entry(500, "internal_error"),
            Map.entry(503, "service_unavailable"));

    private ProblemBody() {
    }

    /** The 1.0 API's {@code error} code for a status. */
    public static String codeFor(int status) {
        return CODES.getOrDefault(status, status >= 500 ? "internal_error" : "http_error_" + status);
    }

    public static String titleFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** The whole body of a refusal, ready to serialise. */
    public static Map<String, Object> of(Refusal refusal, String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", titleFor(refusal.status()));
        body.put("status", refusal.status());
        body.put("detail", refusal.detail());
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(commonMembers(refusal.status(), refusal.properties(), requestId));
        return body;
    }

    /** The members added to every problem: {@code error} (unless the extras name one), extras, id, time. */
    public static Map<String, Object> commonMembers(int status, Map<String, Object> extras, String requestId) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("error", codeFor(status));
        members.putAll(extras);
        members.put("request_id", requestId);
        members.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return members;
    }
}
