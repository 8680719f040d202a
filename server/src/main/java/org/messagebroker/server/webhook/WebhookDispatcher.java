package org.messagebroker.server.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.messagebroker.server.outbox.RetrySchedule;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.webhook.WebhookEventRepository.WebhookEvent;
import org.messagebroker.server.webhook.WebhookRepository.Webhook;
import org.messagebroker.server.webhook.WebhookSender.Attempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox: every second, the due head event of each client, all clients at once (a slow
 * receiver delays only its own client), each claimed for the attempt so that servers sharing the database
 * do not send it twice at the same time. At least once: a crash between the receiver's 2xx and the update
 * sends the event again, with the same id for the receiver to de-duplicate.
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int HEADS_PER_ROUND = 50;

    private final WebhookEventRepository events;
    private final WebhookRepository webhooks;
    private final WebhookSender sender;
    private final RetrySchedule retries;
    private final Clock clock;
    private final Duration lease;
    private final MeterRegistry meters;

    @Autowired
    WebhookDispatcher(WebhookEventRepository events, WebhookRepository webhooks, WebhookSender sender,
            ServerSettings.Webhooks settings, Clock clock, MeterRegistry meters) {
        this(events, webhooks, sender, RetrySchedule.of(settings.firstRetry(), settings.maxRetryDelay(), settings.retryFor()),
                clock, meters, settings.timeout().multipliedBy(3));
    }

    WebhookDispatcher(WebhookEventRepository events, WebhookRepository webhooks, WebhookSender sender,
            RetrySchedule retries, Clock clock, MeterRegistry meters, Duration lease) {
        this.events = events;
        this.webhooks = webhooks;
        this.sender = sender;
        this.retries = retries;
        this.clock = clock;
        this.meters = meters;
        this.lease = lease;
    }

    @Scheduled(initialDelayString = "${broker.webhooks.poll-interval:1s}",
            fixedDelayString = "${broker.webhooks.poll-interval:1s}")
    void run() {
        Instant until = clock.instant().plusSeconds(30);
        while (sendDue() > 0 && clock.instant().isBefore(until)) {
            // a client's next event is due as soon as its previous one went out
        }
    }

    /** One round: answers how many events it attempted. */
    int sendDue() {
        Instant now = clock.instant();
        List<WebhookEvent> due = events.dueHeads(now, HEADS_PER_ROUND).stream()
                .filter(event -> events.claim(event.id(), now, now.plus(lease))).toList();
        if (due.isEmpty()) {
            return 0;
        }
        try (ExecutorService perClient = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> attempts = new ArrayList<>();
            for (WebhookEvent event : due) {
                attempts.add(perClient.submit(() -> attempt(event)));
            }
            for (Future<?> attempt : attempts) {
                attempt.get();
            }
        } catch (Exception e) {
            log.warn("A webhook round ended early: {}", e.toString());
        }
        return due.size();
    }

    private void attempt(WebhookEvent event) {
        Optional<Webhook> webhook = webhooks.find(event.clientId());
        int attempts = event.attempts() + 1;
        Instant now = clock.instant();
        if (webhook.isEmpty()) {
            events.failed(event.id(), event.attempts(), null, "the client has no webhook any more", now);
            return;
        }
        Attempt attempt = sender.send(event, webhook.get());
        if (attempt.succeeded()) {
            events.delivered(event.id(), attempts, attempt.statusCode(), clock.instant());
            count("delivered");
            return;
        }
        Optional<Instant> next = retries.next(attempts, event.createdAt(), clock.instant());
        if (next.isPresent()) {
            events.retryAt(event.id(), attempts, attempt.statusCode(), attempt.error(), next.get());
            count("retried");
        } else {
            events.failed(event.id(), attempts, attempt.statusCode(), attempt.error(), clock.instant());
            count("failed");
            log.warn("Webhook event {} ({}) of client {} failed for good after {} attempts: {}", event.eventId(),
                    event.type(), event.clientId(), attempts, attempt.error());
        }
    }

    private void count(String outcome) {
        meters.counter("main_server_webhook_attempts_total", "outcome", outcome).increment();
    }
}
