package org.messagebroker.core.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.messagebroker.core.errors.Refusal;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.core.intake.IdempotencyKeyReusedException;
import org.messagebroker.core.intake.InvalidSubmissionException;
import org.messagebroker.core.intake.RateLimitedException;
import org.messagebroker.core.queue.QueueUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Base of each component's API error handling: Spring MVC's own errors (404, 405, 415, unreadable
 * JSON …) and anything unexpected become problem details. Unexpected errors are logged with their
 * request id; the client sees no stack trace or internal message.
 */
public abstract class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON of the expected shape.");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            Problems.enrich(problem, servletRequest(request));
        }
        return response;
    }

    /** The use cases' rejections and the intake's refusals, answered as the proxy answers them. */
    @ExceptionHandler({Rejection.class, InvalidSubmissionException.class, IdempotencyKeyReusedException.class,
            RateLimitedException.class, QueueUnavailableException.class})
    ResponseEntity<Map<String, Object>> refused(RuntimeException ex, HttpServletRequest request) {
        return Problems.answer(Refusal.of(ex).orElseThrow(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception ex, HttpServletRequest request) {
        log.error("Unexpected error in {} {} (request_id {})", request.getMethod(), request.getRequestURI(),
                RequestIdFilter.of(request), ex);
        return Problems.answer(500, "An unexpected error occurred. Quote the request_id when reporting it.", request);
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return request instanceof NativeWebRequest nativeRequest
                ? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
    }
}
