package org.messagebroker.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.keys.KeysForTests;
import org.messagebroker.server.message.MessageEvents.DeliveredMessage;
import org.messagebroker.server.message.MessageEvents;
import org.messagebroker.server.message.MessageRepository;
import org.messagebroker.server.message.MessageWriter;
import org.messagebroker.server.message.StoredMessage;
import org.messagebroker.server.outbox.RetrySchedule;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.storage.ServerDatabases;
import org.messagebroker.server.webhook.WebhookEventRepository.WebhookEvent;
import org.messagebroker.server.webhook.WebhookReceiver.Received;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dispatcher against a real HTTPS receiver on loopback (allowed by name, its CA trusted by setting):
 * signed events in order, retries with backoff, given up after the retry period, replayed by an admin.
 */
class WebhookDispatcherTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.now());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    JdbcClient jdbc;
    KeysForTests keys;
    WebhookReceiver receiver;
    WebhookRepository webhooks;
    WebhookEventRepository events;
    WebhookOutbox outbox;
    WebhookDispatcher dispatcher;
    String secret;

    @BeforeEach
    void setUp() {
        jdbc = ServerDatabases.empty(TestDatabase.SQLITE);
        jdbc.sql("INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)"
                + " VALUES ('client-a', 'SHA256:a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").update();
        keys = KeysForTests.in(dir);
        receiver = new WebhookReceiver(dir);
        ServerSettings.Webhooks settings = new ServerSettings.Webhooks(List.of("localhost"), receiver.caFile(),
                Duration.ofHours(24), Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofSeconds(5),
                Duration.ofDays(14));
        webhooks = new WebhookRepository(jdbc, keys.cipher());
        events = new WebhookEventRepository(jdbc);
        outbox = new WebhookOutbox(webhooks, events, clock);
        WebhookSender sender = new WebhookSender(new WebhookTrust(settings), new WebhookTargets(settings), webhooks,
                new MessageRepository(jdbc, ServerDatabases.reads(TestDatabase.SQLITE)), keys.crypto(), clock, settings);
        dispatcher = new WebhookDispatcher(events, webhooks, sender, new RetrySchedule(settings.firstRetry(),
                settings.maxRetryDelay(), settings.retryFor(), () -> 1.0), clock, meters, Duration.ofSeconds(30));
        secret = webhooks.save("client-a", receiver.url("/hooks/broker"), Set.of("message.delivered"), false,
                clock.instant()).orElseThrow();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private String store(String body) {
        String id = UUID.randomUUID().toString();
        new MessageWriter(jdbc, ServerDatabases.vendor(TestDatabase.SQLITE)).insertIfAbsent(StoredMessage.delivered(id,
                "client-a", "default", keys.crypto().encrypt(id, new MessageContent("+4915200000000", body)),
                clock.instant(), clock.instant()));
        outbox.on(new MessageEvents.Delivered(List.of(new DeliveredMessage(id, "client-a"))));
        return id;
    }

    private void sendUntilIdle() {
        while (dispatcher.sendDue() > 0) {
            // the next of the client's events is due once the one before went out
        }
    }

    @Test
    void eventsArriveSignedInOrderWithoutContentUnlessTheClientOptedIn() {
        String first = store("first body");
        String second = store("second body");
        sendUntilIdle();

        List<Received> got = receiver.received();
        assertThat(got).hasSize(2);
        assertThat(got).allSatisfy(request -> {
            assertThat(WebhookReceiver.signedWith(request, secret)).as("signature checks out").isTrue();
            assertThat(WebhookReceiver.signedWith(request, "whsec_other")).isFalse();
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.body()).doesNotContain("body").doesNotContain("+49");
        });
        JsonNode one = JSON.readTree(got.get(0).body());
        assertThat(one.path("type").asString()).isEqualTo("message.delivered");
        assertThat(one.path("sequence").asLong()).isEqualTo(1);
        assertThat(one.path("data").path("message_id").asString()).isEqualTo(first);
        assertThat(one.path("data").path("status").asString()).isEqualTo("delivered");
        assertThat(got.get(0).header("Broker-Event-Id")).isEqualTo(one.path("id").asString());
        assertThat(JSON.readTree(got.get(1).body()).path("data").path("message_id").asString()).isEqualTo(second);
        assertThat(events.recent("client-a", "delivered", 0, 10)).extracting(WebhookEvent::lastStatusCode)
                .containsOnly(204);

        webhooks.save("client-a", receiver.url("/hooks/broker"), Set.of("message.delivered"), true, clock.instant());
        store("third body");
        sendUntilIdle();
        JsonNode third = JSON.readTree(receiver.received().get(2).body());
        assertThat(third.path("data").path("message_body").asString()).isEqualTo("third body");
        assertThat(third.path("data").path("sender_number").asString()).isEqualTo("+4915200000000");
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffAndItsLaterEventsWait() {
        receiver.answerNext(500, 503);
        String first = store("one");
        String second = store("two");

        assertThat(dispatcher.sendDue()).isEqualTo(1);
        assertThat(dispatcher.sendDue()).as("not due again before its backoff").isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(dispatcher.sendDue()).isEqualTo(1);
        assertThat(events.recent("client-a", "pending", 0, 10).getLast()).satisfies(event -> {
            assertThat(event.attempts()).isEqualTo(2);
            assertThat(event.lastStatusCode()).isEqualTo(503);
            assertThat(event.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(20));
        });
        clock.advance(Duration.ofSeconds(20));
        sendUntilIdle();

        assertThat(receiver.received()).extracting(r -> JSON.readTree(r.body()).path("data").path("message_id").asString())
                .containsExactly(first, first, first, second);
        assertThat(events.count("client-a", "delivered")).isEqualTo(2);
        assertThat(meters.counter("main_server_webhook_attempts_total", "outcome", "retried").count()).isEqualTo(2);
    }

    @Test
    void afterTheRetryPeriodAnEventIsKeptAsFailedAndAnAdminCanReplayIt() {
        receiver.answerNext(Collections.nCopies(40, 500).toArray(Integer[]::new));
        store("one");
        for (int i = 0; i < 40 && events.count("client-a", "failed") == 0; i++) {
            dispatcher.sendDue();
            clock.advance(Duration.ofHours(1));
        }
        WebhookEvent failed = events.recent("client-a", "failed", 0, 1).getFirst();
        assertThat(failed.lastStatusCode()).isEqualTo(500);
        assertThat(failed.lastError()).isEqualTo("the receiver answered 500");
        assertThat(failed.completedAt()).isBefore(failed.createdAt().plus(Duration.ofHours(25)));
        receiver.clearAnswers();
        String next = store("two");
        int before = receiver.received().size();
        sendUntilIdle();
        assertThat(receiver.received()).as("a failed event no longer holds up the client's next one")
                .hasSize(before + 1);

        assertThat(events.replay(failed.eventId(), clock.instant())).isTrue();
        sendUntilIdle();
        assertThat(events.count("client-a", "delivered")).isEqualTo(2);
        assertThat(events.replay(failed.eventId(), clock.instant())).as("only a failed event is replayed").isFalse();
        assertThat(events.recent("client-a", "delivered", 0, 10)).extracting(WebhookEvent::subject)
                .contains(next, failed.subject());
    }

    @Test
    void aUrlThatNowResolvesToAPrivateAddressIsNotCalled() {
        jdbc.sql("UPDATE webhooks SET url = ?").param(receiver.url("/x").replace("localhost", "127.0.0.1")).update();
        store("one");
        dispatcher.sendDue();
        assertThat(receiver.received()).isEmpty();
        assertThat(events.recent("client-a", null, 0, 1).getFirst().lastError()).contains("non-public address");
    }

    @Test
    void aRedirectIsNotFollowedButCountsAsAFailedAttempt() {
        receiver.answerNext(302);
        store("one");
        dispatcher.sendDue();
        assertThat(receiver.received()).hasSize(1);
        WebhookEvent event = events.recent("client-a", null, 0, 1).getFirst();
        assertThat(event.status()).isEqualTo("pending");
        assertThat(event.lastStatusCode()).isEqualTo(302);
        assertThat(event.lastError()).isEqualTo("the receiver answered 302");
    }
}
