package org.messagebroker.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.messagebroker.core.web.ApiExceptionHandler;
import org.messagebroker.core.web.Problems;
import org.messagebroker.server.auth.TooManyAttempts;
import org.messagebroker.server.keys.StorageCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The server's API errors as problem details. A database that is down, overloaded or chose this
 * transaction as a deadlock victim is a temporary condition: 503 with {@code Retry-After}, which the
 * worker retries.
 */
@RestControllerAdvice
class ServerProblemHandler extends ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServerProblemHandler.class);

    @ExceptionHandler({TransientDataAccessException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("Database temporarily unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(),
                e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The database is temporarily unavailable.", request));
    }

    /**
     * A value the database refused (too long, a broken reference, a duplicate the code did not expect):
     * the request's fault, not the server's. The database's own message is logged, never answered.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> refusedByDatabase(DataIntegrityViolationException e, HttpServletRequest request) {
        log.info("{} {}: the database refused a value ({})", request.getMethod(), request.getRequestURI(),
                e.getMostSpecificCause().getMessage());
        boolean duplicate = e instanceof DuplicateKeyException;
        return Problems.response(Problems.of(duplicate ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, duplicate
                ? "This already exists." : "A value is too long or refers to something that does not exist.", request));
    }

    @ExceptionHandler(TooManyAttempts.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttempts e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), request);
        problem.setProperty("retry_after", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A stored value that fails authentication: its key version is gone, or the row was altered. */
    @ExceptionHandler(StorageCipher.UndecryptableException.class)
    ResponseEntity<ProblemDetail> undecryptable(StorageCipher.UndecryptableException e, HttpServletRequest request) {
        log.warn("{} {}: {} (key version removed from the ring, or the row was altered)", request.getMethod(),
                request.getRequestURI(), e.getMessage());
        return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "This message cannot be decrypted"
                + " with the server's storage keys; an administrator can compare GET /admin/keys with the key ring.",
                request));
    }
}
