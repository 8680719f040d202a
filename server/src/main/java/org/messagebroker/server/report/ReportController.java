package org.messagebroker.server.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.client.ClientIds;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/reports/messages} (JSON) and {@code …/messages.csv}: the admin's report over whole UTC
 * days, the last seven by default, at most {@value #MAX_DAYS}.
 */
@RestController
class ReportController {

    static final int MAX_DAYS = 366;

    private final ReportQuery reports;
    private final Clock clock;

    ReportController(ReportQuery reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/admin/reports/messages")
    MessageReport report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(name = "client_id", required = false) String clientId) {
        LocalDate last = day(to, "to", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        LocalDate first = day(from, "from", last.minusDays(6));
        if (first.isAfter(last)) {
            throw new Rejection.Invalid("from must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new Rejection.Invalid("a report covers at most " + MAX_DAYS + " days");
        }
        String client = clientId == null || clientId.isBlank() ? null : clientId;
        if (client != null && !ClientIds.wellFormed(client)) {
            throw new Rejection.Invalid("client_id must be 1 to " + ClientIds.MAX_LENGTH
                    + " letters, digits, '.', '_' or '-'");
        }
        return reports.report(first, last, client);
    }

    /** The daily counts as CSV ({@code day,client_id,status,count}), for a spreadsheet. */
    @GetMapping("/admin/reports/messages.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(name = "client_id", required = false) String clientId) {
        MessageReport report = report(from, to, clientId);
        StringBuilder csv = new StringBuilder("day,client_id,status,count\r\n");
        report.daily().forEach(row -> csv.append(row.day()).append(',').append(row.clientId()).append(',')
                .append(row.status()).append(',').append(row.count()).append("\r\n"));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"messages-" + report.from() + "-to-"
                        + report.to() + ".csv\"")
                .body(csv.toString());
    }

    private static LocalDate day(String value, String name, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Rejection.Invalid(name + " must be a date like 2026-11-30");
        }
    }
}
