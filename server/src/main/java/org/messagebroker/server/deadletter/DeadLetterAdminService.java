package org.messagebroker.server.deadletter;

import java.time.Clock;
import java.util.List;
import org.messagebroker.core.delivery.DeliveryResponse.ItemResult;
import org.messagebroker.core.delivery.DeliveryResponse.Outcome;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.deadletter.DeadLetterRepository.DeadLetterRow;
import org.messagebroker.server.message.MessageRepository;
import org.messagebroker.server.message.MessageStorage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Replaying and discarding dead letters, each audited with the admin who did it. */
@Service
class DeadLetterAdminService {

    private final DeadLetterRepository deadLetters;
    private final MessageRepository messages;
    private final MessageStorage storage;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeadLetterAdminService(DeadLetterRepository deadLetters, MessageRepository messages, MessageStorage storage,
            ApplicationEventPublisher events, Clock clock) {
        this.deadLetters = deadLetters;
        this.messages = messages;
        this.storage = storage;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Tries to store the message again (say, after its client was created). If it is rejected again,
     * nothing changes and the answer is 409 with the reason.
     */
    @Transactional
    public ItemResult replay(String messageId, long adminId, String ip) {
        DeadLetterRow row = pending(messageId);
        messages.deleteFailed(messageId);
        ItemResult result = storage.storeDelivered(List.of(row.message()), "admin " + adminId).getFirst();
        if (result.outcome() == Outcome.REJECTED) {
            throw new Rejection.Conflict("The message is still rejected: " + result.reason());
        }
        deadLetters.resolve(messageId, "replayed", clock.instant());
        events.publishEvent(new DeadLetterEvents.Replayed(messageId, row.message().clientId(), adminId, ip));
        return result;
    }

    @Transactional
    public void discard(String messageId, long adminId, String ip) {
        DeadLetterRow row = pending(messageId);
        deadLetters.resolve(messageId, "discarded", clock.instant());
        events.publishEvent(new DeadLetterEvents.Discarded(messageId, row.message().clientId(), adminId, ip,
                row.reason()));
    }

    private DeadLetterRow pending(String messageId) {
        DeadLetterRow row = deadLetters.find(messageId)
                .orElseThrow(() -> new Rejection.NotFound("No dead letter " + messageId));
        if (!row.status().equals("pending")) {
            throw new Rejection.Conflict("The dead letter was " + row.status() + " already");
        }
        return row;
    }
}
