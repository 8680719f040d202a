package org.messagebroker.server.notification;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.messagebroker.server.notification.EmailOutboxRepository.OutboxLine;
import org.messagebroker.server.outbox.RetrySchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox every few seconds: a user's pending lines of one kind joined into one e-mail (a burst of
 * dead letters is one message, not hundreds), retried with backoff for 24 hours when the SMTP server
 * refuses or cannot be reached, then kept as failed. Never on a request's thread.
 */
@Component
class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    private static final int LINES_PER_ROUND = 500;
    private static final int LINES_PER_MAIL = 100;

    private final EmailOutboxRepository outbox;
    private final NotificationRepository users;
    private final Mailer mailer;
    private final RetrySchedule retries;
    private final Clock clock;
    private final MeterRegistry meters;

    @Autowired
    EmailSender(EmailOutboxRepository outbox, NotificationRepository users, Mailer mailer, Clock clock,
            MeterRegistry meters) {
        this(outbox, users, mailer, RetrySchedule.of(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24)),
                clock, meters);
    }

    EmailSender(EmailOutboxRepository outbox, NotificationRepository users, Mailer mailer, RetrySchedule retries,
            Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.users = users;
        this.mailer = mailer;
        this.retries = retries;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(initialDelayString = "${broker.mail.poll-interval:5s}", fixedDelayString = "${broker.mail.poll-interval:5s}")
    void run() {
        if (mailer.enabled()) {
            sendDue();
        }
    }

    /** Answers how many e-mails it tried to send. */
    int sendDue() {
        Map<String, List<OutboxLine>> byRecipient = new LinkedHashMap<>();
        for (OutboxLine line : outbox.due(clock.instant(), LINES_PER_ROUND)) {
            List<OutboxLine> lines = byRecipient.computeIfAbsent(line.userId() + "/" + line.kind(), k -> new ArrayList<>());
            if (lines.size() < LINES_PER_MAIL) {
                lines.add(line);
            }
        }
        byRecipient.values().forEach(this::send);
        return byRecipient.size();
    }

    private void send(List<OutboxLine> lines) {
        OutboxLine first = lines.getFirst();
        List<Long> ids = lines.stream().map(OutboxLine::id).toList();
        try {
            mailer.send(users.email(first.userId()), first.kind().subject(), text(lines));
            outbox.sent(ids, clock.instant());
            meters.counter("main_server_emails_total", "kind", first.kind().name().toLowerCase(), "outcome", "sent")
                    .increment();
        } catch (MailException e) {
            Instant oldest = lines.stream().map(OutboxLine::createdAt).min(Comparator.naturalOrder()).orElseThrow();
            Optional<Instant> next = retries.next(first.attempts() + 1, oldest, clock.instant());
            String error = e.getMostSpecificCause().getMessage();
            if (next.isPresent()) {
                outbox.retryAt(ids, error, next.get());
            } else {
                outbox.failed(ids, error);
                log.warn("An e-mail ({}) to user {} failed for good: {}", first.kind(), first.userId(), error);
            }
            meters.counter("main_server_emails_total", "kind", first.kind().name().toLowerCase(), "outcome",
                    next.isPresent() ? "retried" : "failed").increment();
        }
    }

    private static String text(List<OutboxLine> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line.line()).append("\n\n"));
        return text.append("-- \nMessage Broker. Choose which e-mails you get under Profile in the portal.\n").toString();
    }
}
