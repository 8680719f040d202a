package org.messagebroker.server.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.messagebroker.core.delivery.FailureReport.Failure;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.seal.EnvelopeOpener;
import org.messagebroker.core.seal.SealedPayloadException;
import org.messagebroker.server.client.ClientRegistry;
import org.messagebroker.server.message.MessageCrypto;
import org.messagebroker.server.message.MessageStore;
import org.messagebroker.server.message.StoredMessage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what the workers gave up on: a dead letter (sealed, for replay) and, where the message can be
 * read and its client is known, a {@code failed} message row with the reason, the attempts and the time,
 * so its sender sees it failed. The original dropped all of this.
 */
@Service
public class FailureService {

    private final DeadLetterStore deadLetters;
    private final MessageStore messages;
    private final MessageCrypto crypto;
    private final EnvelopeOpener opener;
    private final ClientRegistry clients;
    private final MeterRegistry meters;

    FailureService(DeadLetterStore deadLetters, MessageStore messages, MessageCrypto crypto, EnvelopeOpener opener,
            ClientRegistry clients, MeterRegistry meters) {
        this.deadLetters = deadLetters;
        this.messages = messages;
        this.crypto = crypto;
        this.opener = opener;
        this.clients = clients;
        this.meters = meters;
    }

    /** Idempotent: a failure reported twice is recorded once. Answers how many were new. */
    @Transactional
    public int record(List<Failure> failures) {
        int recorded = 0;
        for (Failure failure : failures) {
            if (deadLetters.insertIfAbsent(failure)) {
                recorded++;
                recordFailedMessage(failure);
                meters.counter("main_server_messages_failed_total", "client_id", failure.message().clientId(),
                        "reason", failure.reason().startsWith("Exceeded maximum attempts") ? "max_attempts_exceeded"
                                : "rejected").increment();
            }
        }
        return recorded;
    }

    private void recordFailedMessage(Failure failure) {
        QueuedMessage m = failure.message();
        if (!clients.exists(m.clientId())) {
            return;
        }
        MessageContent content;
        try {
            content = opener.open(m.messageId(), m.sealed());
        } catch (SealedPayloadException unreadable) {
            return;
        }
        messages.insertIfAbsent(StoredMessage.failed(m.messageId(), m.clientId(), m.domain(),
                crypto.encrypt(m.messageId(), content), m.queuedAt(), failure.attemptCount(), failure.reason(),
                failure.failedAt()));
    }
}
