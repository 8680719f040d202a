package org.messagebroker.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.errors.Refusal;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.message.MessageValidator.FieldError;
import org.messagebroker.core.queue.ClaimedMessage;
import org.messagebroker.core.queue.InMemoryQueue;
import org.messagebroker.core.queue.MessageQueueContract;
import org.messagebroker.core.seal.EnvelopeOpener;
import org.messagebroker.core.seal.EnvelopeSealer;
import org.messagebroker.core.testing.MutableClock;

/** The one intake: what it accepts is queued sealed for the server; what it refuses leaves nothing behind. */
class MessageIntakeTest {

    private static KeyPair serverKeys;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.123456Z"));
    private final InMemoryQueue queue = new InMemoryQueue(clock);
    private final MessageIntake intake = new MessageIntake(queue, new EnvelopeSealer(serverKeys.getPublic(), clock), clock);

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        serverKeys = generator.generateKeyPair();
    }

    @Test
    void anAcceptedMessageIsQueuedSealedForTheServerAndAnsweredInTheOriginalsShape() {
        Accepted accepted = intake.accept(new Submission(origin("acme"), "+4915200000000", "hello", "billing", null));

        ClaimedMessage queued = queue.claim("w", 10, MessageQueueContract.LEASE).getFirst();
        assertThat(queued.message().messageId()).isEqualTo(accepted.messageId()).matches("[0-9a-f-]{36}");
        assertThat(queued.message().clientId()).isEqualTo("acme");
        assertThat(queued.message().domain()).isEqualTo("billing");
        assertThat(queued.message().queuedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
        assertThat(queued.message().sealed()).doesNotContain("hello").doesNotContain("4915200000000");
        assertThat(new EnvelopeOpener(serverKeys.getPrivate()).open(accepted.messageId(), queued.message().sealed()))
                .isEqualTo(new MessageContent("+4915200000000", "hello"));
        assertThat(accepted.body()).containsOnlyKeys("message_id", "status", "client_id", "queued_at", "position")
                .containsEntry("status", "queued").containsEntry("client_id", "acme").containsEntry("position", 1L)
                .containsEntry("queued_at", "2026-03-01T10:00:00.123Z");
    }

    @Test
    void idsAreTimeOrderedUuidsThatSortInTheOrderTheMessagesCame() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(intake.accept(new Submission(origin("acme"), "+4915200000000", "m" + i, null, null)).messageId());
        }
        assertThat(ids).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7))
                .doesNotHaveDuplicates().isSorted();
    }

    @Test
    void withoutADomainTheMessageIsFiledUnderDefault() {
        intake.accept(new Submission(origin("acme"), "+4915200000000", "hello", null, null));
        assertThat(queue.claim("w", 1, MessageQueueContract.LEASE).getFirst().message().domain()).isEqualTo("default");
    }

    @Test
    void whatBreaksTheRulesIsRefusedFieldByFieldAndNothingIsQueued() {
        assertThatThrownBy(() -> intake.accept(new Submission(origin("acme"), "4915200000000", " ", "d".repeat(256),
                "bad key")))
                .isInstanceOfSatisfying(InvalidSubmissionException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("sender_number", "message_body", "metadata.domain", "Idempotency-Key"));
        assertThat(queue.depth()).isZero();
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstMessageAndADifferentRequestWithItIsRefused() {
        Accepted first = intake.accept(new Submission(origin("acme"), "+4915200000000", "hello", null, "key-1"));
        Accepted retry = intake.accept(new Submission(origin("acme"), "+4915200000000", "hello", null, "key-1"));

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.messageId()).isEqualTo(first.messageId());
        assertThatThrownBy(() -> intake.accept(new Submission(origin("acme"), "+4915200000000", "other", null, "key-1")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(intake.accept(new Submission(origin("globex"), "+4915200000000", "hello", null, "key-1")).replayed())
                .as("keys are the client's own").isFalse();
        assertThat(queue.depth()).isEqualTo(2);
    }

    @Test
    void theCertificatesSerialTravelsInsideTheSeal() {
        Accepted accepted = intake.accept(new Submission(new Origin("acme", "1f2e3d", 0), "+4915200000000", "hi", null,
                null));
        String sealed = queue.claim("w", 1, MessageQueueContract.LEASE).getFirst().message().sealed();
        assertThat(sealed).doesNotContain("1f2e3d");
        assertThat(new EnvelopeOpener(serverKeys.getPrivate()).open(accepted.messageId(), sealed))
                .isEqualTo(new MessageContent("+4915200000000", "hi", "1f2e3d"));
    }

    @Test
    void overItsRateLimitAClientIsRefusedWithWhenToComeBackAndNothingIsQueued() {
        Origin limited = new Origin("acme", null, 2);
        Accepted first = intake.accept(new Submission(limited, "+4915200000000", "one", null, null));
        assertThat(first.rateHeaders()).containsEntry("X-RateLimit-Limit", "2").containsEntry("X-RateLimit-Remaining", "1");
        intake.accept(new Submission(limited, "+4915200000000", "two", null, null));
        assertThatThrownBy(() -> intake.accept(new Submission(limited, "+4915200000000", "three", null, null)))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.decision().retryAfterSeconds()).isEqualTo(30);
                    Refusal refusal = Refusal.of(e).orElseThrow();
                    assertThat(refusal.status()).isEqualTo(429);
                    assertThat(refusal.headers()).containsEntry("Retry-After", "30")
                            .containsEntry("X-RateLimit-Remaining", "0");
                });
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(intake.accept(new Submission(origin("acme"), "+4915200000000", "x", null, null)).rateHeaders())
                .as("no limit given, none applied").isEmpty();
    }

    private static Origin origin(String clientId) {
        return new Origin(clientId, null, 0);
    }
}
