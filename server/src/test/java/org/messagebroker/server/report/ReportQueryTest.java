package org.messagebroker.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.report.MessageReport.DayCount;
import org.messagebroker.server.report.MessageReport.ReasonCount;
import org.messagebroker.server.storage.DbTime;
import org.messagebroker.server.storage.ServerDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The admin report on SQLite, MariaDB and PostgreSQL: whole UTC days, per client and status, times, reasons. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ReportQueryTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-20");

    @Parameter
    TestDatabase database;
    JdbcClient jdbc;
    ReportQuery reports;
    final AtomicInteger ids = new AtomicInteger();

    @BeforeEach
    void setUp() {
        jdbc = ServerDatabases.empty(database);
        for (String client : new String[] {"acme", "globex"}) {
            jdbc.sql("INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)"
                    + " VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").params(client, "SHA256:" + client).update();
        }
        reports = new ReportQuery(ServerDatabases.reads(database));
        // acme, 20 Nov: ten delivered in 10, 20, …, 100 ms; one failed; globex, 21 Nov: one delivered, two failed
        for (int i = 1; i <= 10; i++) {
            delivered("acme", "2026-11-20T10:00:00Z", i * 10);
        }
        failed("acme", "2026-11-20T23:59:59.999Z", "Exceeded maximum attempts (3): server answered 503");
        delivered("globex", "2026-11-21T00:00:00Z", 2_000);
        failed("globex", "2026-11-21T08:00:00Z", "sealed payload cannot be opened");
        failed("globex", "2026-11-21T09:00:00Z", "sealed payload cannot be opened");
        delivered("acme", "2026-11-19T23:59:59Z", 5);   // the day before the report
        delivered("acme", "2026-11-22T00:00:00Z", 5);   // the day after
    }

    private void delivered(String client, String queuedAt, long tookMs) {
        Instant queued = Instant.parse(queuedAt);
        insert(client, "delivered", queued, queued.plusMillis(tookMs), null);
    }

    private void failed(String client, String queuedAt, String reason) {
        insert(client, "failed", Instant.parse(queuedAt), null, reason);
    }

    private void insert(String client, String status, Instant queued, Instant delivered, String error) {
        jdbc.sql("INSERT INTO messages (message_id, client_id, sender_number_hashed, sender_number_encrypted,"
                        + " encrypted_body, encryption_key_version, status, created_at, queued_at, delivered_at,"
                        + " error_message) VALUES (?, ?, 'h', 'n', 'b', 1, ?, ?, ?, ?, ?)")
                .params("m-" + ids.incrementAndGet(), client, status, DbTime.utc(queued), DbTime.utc(queued),
                        DbTime.utc(delivered), error)
                .update();
    }

    @Test
    void countsEachDayClientAndStatusOfThePeriodOnly() {
        MessageReport report = reports.report(DAY, DAY.plusDays(1), null);

        assertThat(report.daily()).containsExactly(
                new DayCount(DAY, "acme", "delivered", 10), new DayCount(DAY, "acme", "failed", 1),
                new DayCount(DAY.plusDays(1), "globex", "delivered", 1),
                new DayCount(DAY.plusDays(1), "globex", "failed", 2));
        assertThat(report.totals()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("delivered", 11L, "failed", 3L));
    }

    @Test
    void deliveryTimesArePercentilesOverallAndPerClient() {
        MessageReport report = reports.report(DAY, DAY.plusDays(1), null);

        assertThat(report.deliveryTime().count()).isEqualTo(11);
        assertThat(report.deliveryTime().p50()).isEqualTo(60);
        assertThat(report.deliveryTime().max()).isBetween(2_000L, 2_002L);
        assertThat(report.perClient().get("acme").p90()).isEqualTo(90);
        assertThat(report.perClient().get("acme").max()).isEqualTo(100);
        assertThat(report.perClient().get("globex").count()).isEqualTo(1);
    }

    @Test
    void failureReasonsAreCountedMostFrequentFirst() {
        assertThat(reports.report(DAY, DAY.plusDays(1), null).failures()).containsExactly(
                new ReasonCount("sealed payload cannot be opened", 2),
                new ReasonCount("Exceeded maximum attempts (3): server answered 503", 1));
    }

    @Test
    void oneClientsReportLeavesTheOthersOut() {
        MessageReport report = reports.report(DAY, DAY.plusDays(1), "globex");

        assertThat(report.daily()).extracting(DayCount::clientId).containsOnly("globex");
        assertThat(report.deliveryTime().count()).isEqualTo(1);
        assertThat(report.perClient()).containsOnlyKeys("globex");
        assertThat(report.failures()).extracting(ReasonCount::count).containsExactly(2L);
    }

    @Test
    void aPeriodWithoutMessagesHasEmptyFiguresNotErrors() {
        MessageReport report = reports.report(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-07"), null);

        assertThat(report.daily()).isEmpty();
        assertThat(report.totals()).isEmpty();
        assertThat(report.deliveryTime().count()).isZero();
        assertThat(report.deliveryTime().p50()).isNull();
        assertThat(report.failures()).isEmpty();
    }
}
