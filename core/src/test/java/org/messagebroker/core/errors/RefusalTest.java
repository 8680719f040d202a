package org.messagebroker.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.messagebroker.core.queue.QueueUnavailableException;

class RefusalTest {

    static Object[][] rejections() {
        return new Object[][] {
            {new Rejection.Invalid("bad"), 400, "validation_error"},
            {new Rejection.Unauthenticated("who"), 401, "authentication_error"},
            {new Rejection.Forbidden("no"), 403, "authorization_error"},
            {new Rejection.NotFound("gone"), 404, "not_found"},
            {new Rejection.Conflict("again"), 409, "conflict"},
        };
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void eachRejectionHasOneStatusAndTheOriginalsErrorCode(Rejection rejection, int status, String code) {
        Refusal refusal = Refusal.of(rejection).orElseThrow();

        assertThat(refusal.status()).isEqualTo(status);
        assertThat(refusal.detail()).isEqualTo(rejection.getMessage());
        assertThat(ProblemBody.of(refusal, "/x", "req_1")).containsEntry("error", code).containsEntry("status", status);
    }

    @Test
    void aRefusedIdentityNamesTheBearerScheme() {
        assertThat(Refusal.of(new Rejection.Unauthenticated("who")).orElseThrow().headers())
                .containsEntry("WWW-Authenticate", "Bearer");
        assertThat(Refusal.of(new Rejection.Forbidden("no")).orElseThrow().headers()).isEmpty();
    }

    @Test
    void anUnavailableQueueAsksForARetry() {
        Refusal refusal = Refusal.of(new QueueUnavailableException("down", null)).orElseThrow();

        assertThat(refusal.status()).isEqualTo(503);
        assertThat(refusal.headers()).containsEntry("Retry-After", "5");
    }

    @Test
    void anythingElseIsNotARefusal() {
        assertThat(Refusal.of(new IllegalStateException("bug"))).isEmpty();
    }

    @Test
    void theBodyHasEveryMemberInOneOrderAndExtrasCannotHideTheRequestId() {
        Map<String, Object> body = ProblemBody.of(new Refusal(429, "slow down", Map.of("retry_after", 3L), Map.of()),
                null, "req_2");
        Map<String, Object> forged = ProblemBody.of(new Refusal(400, "x", Map.of("request_id", "forged"), Map.of()),
                null, "req_3");

        assertThat(body.keySet()).containsExactly("type", "title", "status", "detail", "error", "retry_after",
                "request_id", "timestamp");
        assertThat(body).containsEntry("title", "Too Many Requests").containsEntry("request_id", "req_2");
        assertThat(forged).containsEntry("request_id", "req_3");
    }
}
