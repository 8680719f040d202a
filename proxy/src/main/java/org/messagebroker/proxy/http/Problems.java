package org.messagebroker.proxy.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.core.intake.Refusal;
import org.messagebroker.core.queue.QueueUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal the proxy answers, as RFC 9457 problem details with the original's {@code error} code,
 * the request id and a time; the one place that turns the intake's and the proxy's exceptions into
 * statuses. Unexpected errors are logged with the request id and answered without detail.
 */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    static ProxyResponse from(Throwable failure, ProxyRequest request) {
        return from(translate(failure, request), request.requestId());
    }

    static ProxyResponse from(ProxyException problem, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpResponseStatus.valueOf(problem.status()).reasonPhrase());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("error", org.messagebroker.core.web.Problems.codeFor(problem.status()));
        body.putAll(problem.properties());
        body.put("request_id", requestId);
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        ProxyResponse response = ProxyResponse.of(problem.status(), CONTENT_TYPE, JSON.writeValueAsBytes(body));
        problem.headers().forEach(response::withHeader);
        return response;
    }

    private static ProxyException translate(Throwable failure, ProxyRequest request) {
        if (failure instanceof ProxyException problem) {
            return problem;
        }
        if (failure instanceof QueueUnavailableException down) {
            log.error("Queue unavailable: {}", down.getCause() == null ? down.getMessage() : down.getCause().getMessage());
        }
        return Refusal.of(failure).map(refusal -> {
            ProxyException problem = new ProxyException(refusal.status(), refusal.detail());
            refusal.properties().forEach(problem::with);
            refusal.headers().forEach(problem::header);
            return problem;
        }).orElseGet(() -> {
            log.error("Unexpected error in {} {} (request_id {})", request.method(), request.path(), request.requestId(),
                    failure);
            return new ProxyException(500, "An unexpected error occurred. Quote the request_id when reporting it.");
        });
    }
}
