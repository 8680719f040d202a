package org.messagebroker.server.ca;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.paging.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Listing certificates by state and those expiring soon, for the admin API and the expiry gauge
 * ({@code main_server_certificates_expiring{within_days}}, active certificates expiring within 30, 14 and 7 days).
 */
@RestController
class CertificateListController {

    private static final Set<String> STATUSES = Set.of("active", "revoked", "expired", "all");
    private final CertificateRepository records;
    private final Clock clock;

    CertificateListController(CertificateRepository records, Clock clock, MeterRegistry meters) {
        this.records = records;
        this.clock = clock;
        for (int days : new int[] {30, 14, 7}) {
            Gauge.builder("main_server_certificates_expiring", records, r -> expiringWithin(r, clock, days).size())
                    .tag("within_days", Integer.toString(days)).register(meters);
        }
    }

    @GetMapping("/admin/certificates")
    Object list(@RequestParam(defaultValue = "all") String status,
            @RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage) {
        if (!STATUSES.contains(status)) {
            throw new Rejection.Invalid("status must be active, revoked, expired or all");
        }
        Paging paging = Paging.of(page, perPage);
        Instant now = clock.instant();
        return paging.answer("certificates", records.list(status, now, paging.offset(), paging.limit()),
                () -> records.count(status, now));
    }

    @GetMapping("/admin/certificates/expiring")
    Map<String, Object> expiring(@RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > 3650) {
            throw new Rejection.Invalid("days must be 1 to 3650");
        }
        return Map.of("days", days, "certificates", expiringWithin(records, clock, days));
    }

    private static List<CertificateRepository.CertificateRecord> expiringWithin(CertificateRepository records, Clock clock,
            int days) {
        Instant now = clock.instant();
        return records.expiringBefore(now.plus(Duration.ofDays(days)), now);
    }
}
