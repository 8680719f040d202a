package org.messagebroker.server.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.messagebroker.server.ca.CertificateRepository.CertificateRecord;
import org.messagebroker.server.ca.CertificateRepository;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Raises {@code certificate.expiring} once per certificate that will expire within the configured time. */
@Component
class CertificateExpiryNotices {

    private final CertificateRepository certificates;
    private final WebhookEventRepository events;
    private final WebhookOutbox outbox;
    private final Clock clock;
    private final Duration within;

    CertificateExpiryNotices(CertificateRepository certificates, WebhookEventRepository events, WebhookOutbox outbox,
            Clock clock, ServerSettings.Webhooks settings) {
        this.certificates = certificates;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
        this.within = settings.expiringWithin();
    }

    @Scheduled(initialDelayString = "${broker.webhooks.expiry-check-delay:30s}",
            fixedDelayString = "${broker.webhooks.expiry-check-interval:1h}")
    @Transactional
    public int run() {
        Instant now = clock.instant();
        int raised = 0;
        for (CertificateRecord certificate : certificates.expiringBefore(now.plus(within), now)) {
            if (!events.exists(certificate.clientId(), WebhookEventType.CERTIFICATE_EXPIRING, certificate.serial())
                    && outbox.record(certificate.clientId(), WebhookEventType.CERTIFICATE_EXPIRING, certificate.serial(),
                            Map.of("serial", certificate.serial(), "expires_at", certificate.notAfter().toString()))) {
                raised++;
            }
        }
        return raised;
    }
}
