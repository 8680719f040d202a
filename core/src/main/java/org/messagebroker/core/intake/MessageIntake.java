package org.messagebroker.core.intake;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.messagebroker.core.concurrent.Completions;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.message.MessageValidator;
import org.messagebroker.core.message.MessageValidator.FieldError;
import org.messagebroker.core.queue.Enqueued;
import org.messagebroker.core.queue.Enqueueing;
import org.messagebroker.core.queue.IdempotencyKey;
import org.messagebroker.core.queue.QueueProducer;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.seal.EnvelopeSealer;

/**
 * The one way a message enters the system, for every entry point: validate, draw an id, seal for the
 * server, enqueue. {@link #accept} returns only once the queue has durably taken the message; with an
 * idempotency key a retried request gets the first request's message and enqueues nothing.
 */
public final class MessageIntake {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int MAX_DOMAIN_LENGTH = 255;
    /**
     * UUID version 7: the first 48 bits are the time, the other 74 random. Ids made one after the other sort
     * one after the other, so the database's unique index on them (and SQLite's pages) grows at its end
     * instead of at a random place per insert; the id still reveals nothing the 202 does not (queued_at).
     */
    private static final TimeBasedEpochGenerator MESSAGE_IDS = Generators.timeBasedEpochGenerator();

    private final QueueProducer queue;
    private final EnvelopeSealer sealer;
    private final Clock clock;

    public MessageIntake(QueueProducer queue, EnvelopeSealer sealer, Clock clock) {
        this.queue = queue;
        this.sealer = sealer;
        this.clock = clock;
    }

    /**
     * Accepts a message, returning once the queue has durably taken it.
     *
     * @throws InvalidSubmissionException     the content or the key breaks the rules (nothing enqueued)
     * @throws IdempotencyKeyReusedException  the key was used for a different request
     * @throws RateLimitedException           the client has no token left in its rate-limit bucket
     * @throws org.messagebroker.core.queue.QueueUnavailableException the queue did not take it: not accepted
     */
    public Accepted accept(Submission submission) {
        return Completions.join(submit(submission));
    }

    /**
     * {@link #accept} for callers that must not block: validates and seals on the caller's thread (throwing
     * {@link InvalidSubmissionException} there), then returns a future that completes, on the queue's
     * writer thread, as {@link #accept} returns or with what it throws.
     */
    public CompletableFuture<Accepted> submit(Submission submission) {
        List<FieldError> errors = new ArrayList<>(MessageValidator.validate(submission.senderNumber(),
                submission.messageBody()));
        if (submission.domain() != null && submission.domain().length() > MAX_DOMAIN_LENGTH) {
            errors.add(new FieldError("metadata.domain", "must be at most " + MAX_DOMAIN_LENGTH + " characters"));
        }
        if (submission.idempotencyKey() != null && !KEY.matcher(submission.idempotencyKey()).matches()) {
            errors.add(new FieldError(IDEMPOTENCY_HEADER, "must be 1 to 255 visible ASCII characters without spaces"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }
        String messageId = MESSAGE_IDS.generate().toString();
        // Milliseconds: the precision the queue and the database keep.
        Instant queuedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Origin origin = submission.origin();
        String sealed = sealer.seal(messageId, new MessageContent(submission.senderNumber(), submission.messageBody(),
                origin.certificateSerial()));
        QueuedMessage message = new QueuedMessage(messageId, origin.clientId(), submission.domainOrDefault(),
                queuedAt, sealed);
        String requestHash = submission.idempotencyKey() == null ? null : requestHash(submission);
        IdempotencyKey key = requestHash == null ? null
                : new IdempotencyKey(origin.clientId(), submission.idempotencyKey(), requestHash, IDEMPOTENCY_TTL);
        return queue.enqueueAllAsync(List.of(new Enqueueing(message, key, origin.ratePerMinute())))
                .thenApply(results -> accepted(results.getFirst(), origin, requestHash));
    }

    private static Accepted accepted(Enqueued enqueued, Origin origin, @Nullable String requestHash) {
        if (enqueued.rateLimited()) {
            throw new RateLimitedException(enqueued.rate());
        }
        if (enqueued.replayed() && !Objects.equals(requestHash, enqueued.requestHash())) {
            throw new IdempotencyKeyReusedException();
        }
        return new Accepted(enqueued.messageId(), origin.clientId(), enqueued.queuedAt(), enqueued.depth(),
                enqueued.replayed(), enqueued.rate());
    }

    /** SHA-256 over what the message says, so the same request retried matches and a different one does not. */
    static String requestHash(Submission submission) {
        String canonical = submission.senderNumber() + "\u0000" + submission.messageBody() + "\u0000"
                + submission.domainOrDefault();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
