package org.messagebroker.proxy.http;

import org.messagebroker.core.errors.ProblemBody;
import org.messagebroker.core.errors.Refusal;
import org.messagebroker.core.queue.QueueUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal the proxy answers, as the {@link ProblemBody} every component writes; the one place that turns the intake's and the proxy's exceptions into
 * statuses. Unexpected errors are logged with the request id and answered without detail.
 */
final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    static ProxyResponse from(Throwable failure, ProxyRequest request) {
        return from(translate(failure, request), request.requestId());
    }

    static ProxyResponse from(ProxyException problem, String requestId) {
        Refusal refusal = problem.refusal();
        ProxyResponse response = ProxyResponse.of(refusal.status(), ProblemBody.CONTENT_TYPE,
                JSON.writeValueAsBytes(ProblemBody.of(refusal, null, requestId)));
        refusal.headers().forEach(response::withHeader);
        return response;
    }

    private static ProxyException translate(Throwable failure, ProxyRequest request) {
        if (failure instanceof ProxyException problem) {
            return problem;
        }
        if (failure instanceof QueueUnavailableException down) {
            log.error("Queue unavailable: {}", down.getCause() == null ? down.getMessage() : down.getCause().getMessage());
        }
        return Refusal.of(failure).map(ProxyException::new).orElseGet(() -> {
            log.error("Unexpected error in {} {} (request_id {})", request.method(), request.path(), request.requestId(),
                    failure);
            return new ProxyException(500, "An unexpected error occurred. Quote the request_id when reporting it.");
        });
    }
}
