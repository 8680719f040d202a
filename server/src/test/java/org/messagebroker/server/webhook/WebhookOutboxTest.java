package org.messagebroker.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.ca.CertificateRepository;
import org.messagebroker.server.deadletter.DeadLetterEvents;
import org.messagebroker.server.keys.KeysForTests;
import org.messagebroker.server.message.MessageEvents.DeliveredMessage;
import org.messagebroker.server.message.MessageEvents;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.storage.DbTime;
import org.messagebroker.server.storage.ServerDatabases;
import org.messagebroker.server.webhook.WebhookEventRepository.WebhookEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox on SQLite, MariaDB and PostgreSQL: what is written, numbered how, and only with its change. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WebhookOutboxTest {

    @Parameter
    TestDatabase database;
    @TempDir
    Path keys;
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    JdbcClient jdbc;
    WebhookRepository webhooks;
    WebhookEventRepository events;
    WebhookOutbox outbox;

    @BeforeEach
    void setUp() {
        jdbc = ServerDatabases.empty(database);
        for (String client : List.of("client-a", "client-b", "client-c")) {
            jdbc.sql("INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)"
                    + " VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").params(client, "SHA256:" + client).update();
        }
        webhooks = new WebhookRepository(jdbc, KeysForTests.in(keys).cipher());
        events = new WebhookEventRepository(jdbc);
        outbox = new WebhookOutbox(webhooks, events, clock);
        webhooks.save("client-a", "https://a.example.com/", Set.of("message.delivered", "message.failed"), false,
                clock.instant());
        webhooks.save("client-b", "https://b.example.com/", Set.of("message.failed"), false, clock.instant());
    }

    private static MessageEvents.Delivered delivered(String... clientAndId) {
        return new MessageEvents.Delivered(java.util.stream.IntStream.range(0, clientAndId.length / 2)
                .mapToObj(i -> new DeliveredMessage(clientAndId[2 * i + 1], clientAndId[2 * i])).toList());
    }

    @Test
    void onlySubscribedEventsAreWrittenNumberedPerClientInOrder() {
        outbox.on(delivered("client-a", "m1", "client-b", "m2", "client-c", "m3", "client-a", "m4"));
        outbox.on(new DeadLetterEvents.Recorded("m5", "client-b", "max_attempts_exceeded"));
        outbox.on(new DeadLetterEvents.Recorded("m6", "client-a", "rejected"));

        List<WebhookEvent> a = events.recent("client-a", null, 0, 10).reversed();
        assertThat(a).extracting(WebhookEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(a).extracting(WebhookEvent::subject).containsExactly("m1", "m4", "m6");
        assertThat(a).extracting(WebhookEvent::type).containsExactly("message.delivered", "message.delivered",
                "message.failed");
        assertThat(a.getLast().data()).isEqualTo("{\"message_id\":\"m6\",\"reason\":\"rejected\",\"status\":\"failed\"}");
        assertThat(events.recent("client-b", null, 0, 10)).as("client-b did not subscribe to deliveries")
                .extracting(WebhookEvent::subject).containsExactly("m5");
        assertThat(events.recent("client-c", null, 0, 10)).as("client-c has no webhook").isEmpty();
        assertThat(a).extracting(WebhookEvent::status).containsOnly("pending");
    }

    @Test
    void onlyTheLowestPendingEventOfEachClientIsDue() {
        outbox.on(delivered("client-a", "m1", "client-a", "m2"));
        outbox.on(new DeadLetterEvents.Recorded("m3", "client-b", "rejected"));
        assertThat(events.dueHeads(clock.instant(), 10)).extracting(WebhookEvent::subject).containsExactly("m1", "m3");

        WebhookEvent first = events.dueHeads(clock.instant(), 10).getFirst();
        assertThat(events.claim(first.id(), clock.instant(), clock.instant().plusSeconds(30))).isTrue();
        assertThat(events.claim(first.id(), clock.instant(), clock.instant().plusSeconds(30)))
                .as("a claimed event is not claimed again during its lease").isFalse();
        assertThat(events.dueHeads(clock.instant(), 10)).as("m2 waits behind m1 even while m1 is being sent")
                .extracting(WebhookEvent::subject).containsExactly("m3");

        events.delivered(first.id(), 1, 204, clock.instant());
        assertThat(events.dueHeads(clock.instant(), 10)).extracting(WebhookEvent::subject).containsExactly("m2", "m3");
    }

    @Test
    void anEventIsWrittenOnlyIfTheChangeItReportsCommits() {
        TransactionTemplate transactions = new TransactionTemplate(
                new DataSourceTransactionManager(ServerDatabases.dataSource(database)));
        try {
            transactions.executeWithoutResult(status -> {
                outbox.on(delivered("client-a", "m1"));
                throw new IllegalStateException("the insert of the messages failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(events.count("client-a", null)).isZero();
        outbox.on(delivered("client-a", "m2"));
        assertThat(events.recent("client-a", null, 0, 10)).extracting(WebhookEvent::sequence)
                .as("the rolled back number was not used").containsExactly(1L);
    }

    @Test
    void aNewSubscriptionIsSeenWithinSecondsAndAtOnceAfterALocalChange() {
        outbox.on(delivered("client-c", "m1"));
        webhooks.save("client-c", "https://c.example.com/", Set.of("message.delivered"), false, clock.instant());
        outbox.on(delivered("client-c", "m2"));
        assertThat(events.count("client-c", null)).as("another server's change, not seen yet").isZero();
        clock.advance(Duration.ofSeconds(6));
        outbox.on(delivered("client-c", "m3"));
        assertThat(events.count("client-c", null)).isEqualTo(1);

        webhooks.delete("client-c");
        outbox.forgetSubscriptions();
        outbox.on(delivered("client-c", "m4"));
        assertThat(events.count("client-c", null)).isEqualTo(1);
    }

    @Test
    void aCertificatesComingEndIsRaisedOncePerCertificateForSubscribedClients() {
        webhooks.save("client-c", "https://c.example.com/", Set.of("certificate.expiring"), false, clock.instant());
        outbox.forgetSubscriptions();
        for (String client : List.of("client-a", "client-c")) {
            jdbc.sql("INSERT INTO certificates (client_id, serial, fingerprint, not_before, not_after) VALUES (?, ?, ?, ?, ?)")
                    .params(client, "serial-" + client, "SHA256:" + client, DbTime.utc(clock.instant().minus(
                            Duration.ofDays(300))), DbTime.utc(clock.instant().plus(Duration.ofDays(10))))
                    .update();
        }
        CertificateExpiryNotices notices = new CertificateExpiryNotices(new CertificateRepository(jdbc), events, outbox,
                clock, new ServerSettings.Webhooks(List.of(), null, Duration.ofHours(24),
                        Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofSeconds(10),
                        Duration.ofDays(14)));

        assertThat(notices.run()).as("client-a did not subscribe to certificate events").isEqualTo(1);
        assertThat(notices.run()).as("once per certificate").isZero();
        assertThat(events.recent("client-c", null, 0, 10)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("certificate.expiring");
            assertThat(event.data()).contains("\"serial\":\"serial-client-c\"");
        });
    }
}
