package org.messagebroker.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** A 500 tells the client only its request_id, and the log line names the same id with the cause. */
class ApiExceptionHandlerTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ApiExceptionHandler.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void anUnexpectedErrorIsLoggedWithTheRequestIdTheClientIsGiven() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/admin/users");
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "req_0123456789abcdef");

        ResponseEntity<Map<String, Object>> answer = new ApiExceptionHandler() { }
                .unexpected(new IllegalStateException("database password is hunter2"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody()).containsEntry("request_id", "req_0123456789abcdef")
                .containsEntry("instance", "/admin/users").containsEntry("error", "internal_error");
        assertThat(answer.getBody().toString()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).contains("POST /admin/users").contains("req_0123456789abcdef");
            assertThat(line.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
        });
    }
}
