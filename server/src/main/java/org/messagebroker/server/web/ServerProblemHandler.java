package org.messagebroker.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.messagebroker.core.errors.Refusal;
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
    ResponseEntity<Map<String, Object>> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("Database temporarily unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(),
                e.getClass().getSimpleName());
        return Problems.answer(new Refusal(503, "The database is temporarily unavailable.", Map.of(),
                Map.of("Retry-After", "5")), request);
    }

    /**
     * A value the database refused (too long, a broken reference, a duplicate the code did not expect):
     * the request's fault, not the server's. The database's own message is logged, never answered.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Map<String, Object>> refusedByDatabase(DataIntegrityViolationException e, HttpServletRequest request) {
        log.info("{} {}: the database refused a value ({})", request.getMethod(), request.getRequestURI(),
                e.getMostSpecificCause().getMessage());
        boolean duplicate = e instanceof DuplicateKeyException;
        return Problems.answer(duplicate ? 409 : 400, duplicate ? "This already exists."
                : "A value is too long or refers to something that does not exist.", request);
    }

    @ExceptionHandler(TooManyAttempts.class)
    ResponseEntity<Map<String, Object>> tooManyAttempts(TooManyAttempts e, HttpServletRequest request) {
        return Problems.answer(new Refusal(429, e.getMessage(), Map.of("retry_after", e.retryAfterSeconds()),
                Map.of("Retry-After", Long.toString(e.retryAfterSeconds()))), request);
    }

    /** A stored value that fails authentication: its key version is gone, or the row was altered. */
    @ExceptionHandler(StorageCipher.UndecryptableException.class)
    ResponseEntity<Map<String, Object>> undecryptable(StorageCipher.UndecryptableException e, HttpServletRequest request) {
        log.warn("{} {}: {} (key version removed from the ring, or the row was altered)", request.getMethod(),
                request.getRequestURI(), e.getMessage());
        return Problems.answer(500, "This message cannot be decrypted with the server's storage keys; an"
                + " administrator can compare GET /admin/keys with the key ring.", request);
    }
}
