package org.messagebroker.server.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.messagebroker.server.ca.CertificateRepository.CertificateRecord;
import org.messagebroker.server.ca.CertificateRepository;
import org.messagebroker.server.deadletter.DeadLetterRepository;
import org.messagebroker.server.message.MessageFilter;
import org.messagebroker.server.message.MessageRepository;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The notices nothing else raises: a certificate's coming end, once per certificate, and the admins' daily summary. */
@Component
class NotificationJobs {

    private final NotificationRepository users;
    private final EmailOutbox outbox;
    private final CertificateRepository certificates;
    private final MessageRepository messages;
    private final DeadLetterRepository deadLetters;
    private final Clock clock;

    NotificationJobs(NotificationRepository users, EmailOutbox outbox, CertificateRepository certificates,
            MessageRepository messages, DeadLetterRepository deadLetters, Clock clock) {
        this.users = users;
        this.outbox = outbox;
        this.certificates = certificates;
        this.messages = messages;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${broker.mail.expiry-check-delay:1m}",
            fixedDelayString = "${broker.mail.expiry-check-interval:1h}")
    int certificateExpiry() {
        Instant now = clock.instant();
        int raised = 0;
        for (NotificationRepository.ExpiryWatch watch : users.expiryWatches()) {
            for (CertificateRecord certificate : certificates.expiringBefore(now.plus(Duration.ofDays(watch.days())), now)) {
                if (certificate.clientId().equals(watch.clientId()) && outbox.record(watch.userId(),
                        NotificationKind.CERTIFICATE_EXPIRING, certificate.serial(), "The certificate of client "
                                + certificate.clientId() + " (serial " + certificate.serial() + ") expires at "
                                + certificate.notAfter() + " (UTC). Renew it before then: see Renewing your"
                                + " certificate in the user manual, or ask an administrator.")) {
                    raised++;
                }
            }
        }
        return raised;
    }

    @Scheduled(cron = "${broker.mail.daily-summary-cron:0 0 6 * * *}", zone = "UTC")
    int dailySummary() {
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        Instant from = yesterday.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Long> byStatus = new TreeMap<>(messages.countByStatus(
                new MessageFilter(null, null, from, from.plus(Duration.ofDays(1)), null)));
        String line = "Messages recorded on " + yesterday + " (UTC), by status: " + (byStatus.isEmpty() ? "none"
                : byStatus.toString().replaceAll("[{}]", "")) + ". Dead letters waiting for a decision: "
                + deadLetters.count("pending") + ".";
        int raised = 0;
        for (long admin : users.dailySummaryRecipients()) {
            if (outbox.record(admin, NotificationKind.DAILY_SUMMARY, yesterday.toString(), line)) {
                raised++;
            }
        }
        return raised;
    }
}
