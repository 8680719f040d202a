package org.messagebroker.worker.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.messagebroker.core.Failpoints;
import org.messagebroker.core.delivery.DeliveryResponse;
import org.messagebroker.core.delivery.DeliveryResponse.ItemResult;
import org.messagebroker.core.delivery.DeliveryResponse.Outcome;
import org.messagebroker.core.queue.ClaimedMessage;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.worker.delivery.ServerClient.TemporaryDeliveryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one claimed batch and settles every message: acknowledged once the server has committed it
 * (stored or already there), dead-lettered when the server rejects it for good, and otherwise retried
 * after the retry interval, up to the maximum number of attempts.
 */
@Component
class BatchDelivery {

    private static final Logger log = LoggerFactory.getLogger(BatchDelivery.class);

    private final MessageQueue queue;
    private final DeliveryEndpoint server;
    private final WorkerSettings settings;
    private final WorkerMetrics metrics;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    /** One warning when the server goes away and one line when it is back, not one per batch. */
    private final AtomicBoolean serverUnavailable = new AtomicBoolean();

    BatchDelivery(MessageQueue queue, DeliveryEndpoint server, WorkerSettings settings, WorkerIdentity identity,
            MeterRegistry meters, Clock clock) {
        this.queue = queue;
        this.server = server;
        this.settings = settings;
        this.metrics = new WorkerMetrics(meters, identity.id());
        this.retryPolicy = RetryPolicy.of(settings);
        this.clock = clock;
    }

    /** Answers whether the server took the call; when it did not, every message is set to be retried. */
    boolean deliver(List<ClaimedMessage> batch) {
        Instant started = clock.instant();
        batch.forEach(m -> metrics.queueWait(Duration.between(m.message().queuedAt(), started)));
        DeliveryResponse response;
        metrics.processing(batch.size());
        try {
            response = server.deliver(batch.stream().map(ClaimedMessage::message).toList());
        } catch (TemporaryDeliveryException e) {
            if (!serverUnavailable.getAndSet(true)) {
                log.warn("The server is unavailable ({}); deliveries back off until it answers, messages are retried",
                        e.getMessage());
            }
            log.debug("Delivery of {} messages failed, will retry: {}", batch.size(), e.getMessage());
            batch.forEach(m -> retryOrGiveUp(m, e.getMessage()));
            return false;
        } finally {
            metrics.processing(-batch.size());
            metrics.deliveryTime(Duration.between(started, clock.instant()));
        }
        if (serverUnavailable.getAndSet(false)) {
            log.info("The server answers again; deliveries resume");
        }
        Failpoints.crashIfActive(Failpoints.WORKER_AFTER_COMMIT_BEFORE_ACK);
        settle(batch, response.results());
        return true;
    }

    private void settle(List<ClaimedMessage> batch, List<ItemResult> results) {
        List<ClaimedMessage> committed = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ClaimedMessage claimed = batch.get(i);
            ItemResult result = i < results.size() ? results.get(i) : null;
            if (result == null || !result.messageId().equals(claimed.message().messageId())) {
                retryOrGiveUp(claimed, "server answered no result for this message");
            } else if (result.outcome() == Outcome.REJECTED) {
                queue.deadLetter(claimed, result.reason());
                metrics.failed("rejected");
            } else {
                committed.add(claimed);
            }
        }
        queue.acknowledge(committed);
        committed.forEach(m -> metrics.delivered());
    }

    private void retryOrGiveUp(ClaimedMessage claimed, String reason) {
        int failedAttempts = claimed.attempts() + 1;
        if (failedAttempts >= settings.maxAttempts()) {
            queue.deadLetter(claimed, "Exceeded maximum attempts (" + settings.maxAttempts() + "): " + reason);
            metrics.failed("max_attempts_exceeded");
        } else {
            queue.retryLater(claimed, clock.instant().plus(retryPolicy.delayAfter(failedAttempts)), reason);
            metrics.retried();
        }
    }
}
