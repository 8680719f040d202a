package org.messagebroker.core.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.messagebroker.core.errors.ProblemBody;
import org.messagebroker.core.errors.Refusal;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** {@link ProblemBody} for Spring MVC: answers a refusal, or completes a problem Spring MVC built itself. */
public final class Problems {

    private Problems() {
    }

    /** Adds {@code error}, {@code request_id} and {@code timestamp} to a problem; keeps an {@code error} it has. */
    public static ProblemDetail enrich(ProblemDetail problem, HttpServletRequest request) {
        Map<String, Object> own = problem.getProperties() == null ? Map.of() : problem.getProperties();
        ProblemBody.commonMembers(problem.getStatus(), own, request == null ? null : RequestIdFilter.of(request))
                .forEach(problem::setProperty);
        return problem;
    }

    public static ResponseEntity<Map<String, Object>> answer(Refusal refusal, HttpServletRequest request) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        refusal.headers().forEach((name, value) -> response.header(name, value));
        return response.body(ProblemBody.of(refusal, request.getRequestURI(), RequestIdFilter.of(request)));
    }

    public static ResponseEntity<Map<String, Object>> answer(int status, String detail, HttpServletRequest request) {
        return answer(Refusal.of(status, detail), request);
    }
}
