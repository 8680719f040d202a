package org.messagebroker.server.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.messagebroker.core.delivery.FailureReport.Cause;
import org.messagebroker.core.delivery.FailureReport.Failure;
import org.messagebroker.server.message.MessageStorage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what the workers gave up on: a dead letter (sealed, for replay) and, where the message can be
 * read and its client is known, a {@code failed} message row with the reason, the attempts and the time,
 * so its sender sees it failed. Message Broker 1.0 dropped all of this.
 */
@Service
public class FailureService {

    private final DeadLetterRepository deadLetters;
    private final MessageStorage storage;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;

    FailureService(DeadLetterRepository deadLetters, MessageStorage storage, MeterRegistry meters,
            ApplicationEventPublisher events) {
        this.deadLetters = deadLetters;
        this.storage = storage;
        this.meters = meters;
        this.events = events;
    }

    /** Idempotent: a failure reported twice is recorded once. Answers how many were new. */
    @Transactional
    public int record(List<Failure> failures) {
        int recorded = 0;
        for (Failure failure : failures) {
            if (deadLetters.insertIfAbsent(failure)) {
                recorded++;
                storage.storeFailed(failure.message(), failure.attemptCount(), failure.reason(), failure.failedAt());
                events.publishEvent(new DeadLetterEvents.Recorded(failure.message().messageId(),
                        failure.message().clientId(), failure.cause().label()));
                if (failure.cause() == Cause.MAX_ATTEMPTS_EXCEEDED) {
                    // A rejection was counted when the server rejected the delivery; counting its report too
                    // would count the message twice.
                    meters.counter("main_server_messages_failed_total", "client_id", failure.message().clientId(),
                            "reason", failure.cause().label()).increment();
                }
            }
        }
        return recorded;
    }
}
