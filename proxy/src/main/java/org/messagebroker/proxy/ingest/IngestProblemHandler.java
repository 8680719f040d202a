package org.messagebroker.proxy.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.messagebroker.core.queue.QueueUnavailableException;
import org.messagebroker.core.web.ApiExceptionHandler;
import org.messagebroker.core.web.Problems;
import org.messagebroker.proxy.access.ClientGate;
import org.messagebroker.proxy.ratelimit.RateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.messagebroker.proxy.web.BodyTooLargeException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The client API's errors as problem details with the original's error codes. */
@RestControllerAdvice
class IngestProblemHandler extends ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(IngestProblemHandler.class);
    private final IngestMetrics metrics;

    IngestProblemHandler(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(InvalidMessageException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidMessageException e, HttpServletRequest request) {
        metrics.failed(IngestMetrics.FailureReason.validation_error);
        List<Map<String, String>> fields = e.errors().stream()
                .map(error -> Map.of("field", error.field(), "reason", error.reason())).toList();
        String detail = e.errors().stream().map(error -> error.field() + " " + error.reason())
                .reduce((a, b) -> a + "; " + b).orElseThrow();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, detail, request);
        problem.setProperty("errors", fields);
        return Problems.response(problem);
    }

    @ExceptionHandler(ClientGate.Denied.class)
    ResponseEntity<ProblemDetail> denied(ClientGate.Denied e, HttpServletRequest request) {
        metrics.failed(IngestMetrics.FailureReason.invalid_certificate);
        return Problems.response(Problems.of(e.status(), e.getMessage(), request));
    }

    /** Unreadable bodies: say what is wrong in the client's terms, never with parser or class names. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        metrics.failed(IngestMetrics.FailureReason.validation_error);
        HttpStatus answer = HttpStatus.BAD_REQUEST;
        String detail = "The request body is not valid JSON.";
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException) {
                answer = HttpStatus.PAYLOAD_TOO_LARGE;
                detail = cause.getMessage();
                break;
            }
            if (cause instanceof StreamConstraintsException) {
                detail = "The JSON is nested too deeply.";
                break;
            }
            if (cause instanceof StreamReadException && cause.getMessage().startsWith("Duplicate Object property")) {
                detail = "The JSON has a duplicate key.";
                break;
            }
            if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                detail = "The field " + mismatch.getPath().getLast().getPropertyName()
                        + " has the wrong type (sender_number and message_body are strings, metadata an object).";
                break;
            }
        }
        return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(answer, detail), headers, answer, request);
    }

    @ExceptionHandler(IdempotencyKeys.ReusedKeyException.class)
    ResponseEntity<ProblemDetail> reusedKey(IdempotencyKeys.ReusedKeyException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("error", "idempotency_key_reused");
        return Problems.response(Problems.enrich(problem, request));
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e, HttpServletRequest request) {
        metrics.failed(IngestMetrics.FailureReason.rate_limited);
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), request);
        problem.setProperty("retry_after", e.decision().retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.decision().retryAfterSeconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(QueueUnavailableException.class)
    ResponseEntity<ProblemDetail> queueDown(QueueUnavailableException e, HttpServletRequest request) {
        metrics.failed(IngestMetrics.FailureReason.queue_error);
        log.error("Queue unavailable: {}", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "The message was not accepted: the queue is unavailable. Retry later.", request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
