package org.messagebroker.server.deadletter;

import java.time.Clock;
import java.util.List;
import org.messagebroker.core.delivery.DeliveryResponse.ItemResult;
import org.messagebroker.core.delivery.DeliveryResponse.Outcome;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.audit.AuditEvent;
import org.messagebroker.server.audit.AuditLog;
import org.messagebroker.server.deadletter.DeadLetterStore.DeadLetterRow;
import org.messagebroker.server.message.MessageStorage;
import org.messagebroker.server.message.MessageStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Replaying and discarding dead letters, each audited with the admin who did it. */
@Service
class DeadLetterAdminService {

    private final DeadLetterStore deadLetters;
    private final MessageStore messages;
    private final MessageStorage storage;
    private final AuditLog audit;
    private final Clock clock;

    DeadLetterAdminService(DeadLetterStore deadLetters, MessageStore messages, MessageStorage storage,
            AuditLog audit, Clock clock) {
        this.deadLetters = deadLetters;
        this.messages = messages;
        this.storage = storage;
        this.audit = audit;
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
        audit.record(new AuditEvent("dead_letter_replayed", adminId, row.message().clientId(), ip,
                AuditLog.data("message_id", messageId), "info"));
        return result;
    }

    @Transactional
    public void discard(String messageId, long adminId, String ip) {
        DeadLetterRow row = pending(messageId);
        deadLetters.resolve(messageId, "discarded", clock.instant());
        audit.record(new AuditEvent("dead_letter_discarded", adminId, row.message().clientId(), ip,
                AuditLog.data("message_id", messageId, "reason", row.reason()), "warning"));
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
