package org.messagebroker.core.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem details carrying the original's error codes ({@code error}), the request id and a
 * timestamp. Every error the components answer goes through here.
 */
public final class Problems {

    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(400, "validation_error"), Map.entry(401, "authentication_error"),
            Map.entry(403, "authorization_error"), Map.entry(404, "not_found"),
            Map.entry(405, "method_not_allowed"), Map.entry(406, "not_acceptable"), Map.entry(409, "conflict"),
            Map.entry(413, "payload_too_large"), Map.entry(415, "unsupported_media_type"),
            Map.entry(429, "rate_limit_exceeded"), Map.entry(500, "internal_error"),
            Map.entry(503, "service_unavailable"));

    private Problems() {
    }

    public static String codeFor(int status) {
        return CODES.getOrDefault(status, status >= 500 ? "internal_error" : "http_error_" + status);
    }

    /** Adds {@code error}, {@code request_id} and {@code timestamp} to a problem; keeps what it has. */
    public static ProblemDetail enrich(ProblemDetail problem, HttpServletRequest request) {
        if (problem.getProperties() == null || !problem.getProperties().containsKey("error")) {
            problem.setProperty("error", codeFor(problem.getStatus()));
        }
        problem.setProperty("request_id", request == null ? null : RequestIdFilter.of(request));
        problem.setProperty("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return problem;
    }

    public static ProblemDetail of(HttpStatusCode status, String detail, HttpServletRequest request) {
        return enrich(ProblemDetail.forStatusAndDetail(status, detail), request);
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
