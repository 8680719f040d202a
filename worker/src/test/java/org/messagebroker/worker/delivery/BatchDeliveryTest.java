package org.messagebroker.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.core.delivery.DeliveryResponse;
import org.messagebroker.core.delivery.DeliveryResponse.ItemResult;
import org.messagebroker.core.delivery.DeliveryResponse.Outcome;
import org.messagebroker.core.queue.ClaimedMessage;
import org.messagebroker.core.queue.Enqueueing;
import org.messagebroker.core.queue.InMemoryQueue;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.worker.delivery.ServerClient.TemporaryDeliveryException;

/** How one delivered batch settles each message in the queue, whatever the server answers. */
class BatchDeliveryTest {

    static final Duration LEASE = Duration.ofSeconds(60);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    final InMemoryQueue queue = new InMemoryQueue(clock);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<List<QueuedMessage>> calls = new ArrayList<>();
    @TempDir
    Path dataDir;

    private BatchDelivery delivery(int maxAttempts, Function<List<QueuedMessage>, DeliveryResponse> server) {
        WorkerSettings settings = new WorkerSettings("w-1", URI.create("https://127.0.0.1:1"), 1, 10, LEASE,
                Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(30), RetryPolicy.Backoff.fixed,
                Duration.ofMinutes(5), maxAttempts, Duration.ofSeconds(5), null);
        DeliveryEndpoint endpoint = batch -> {
            calls.add(batch);
            return server.apply(batch);
        };
        return new BatchDelivery(queue, endpoint, settings, new WorkerIdentity(settings, dataDir), meters, clock);
    }

    private List<ClaimedMessage> claim(String... ids) {
        queue.enqueueAll(java.util.Arrays.stream(ids).map(id -> new Enqueueing(
                new QueuedMessage(id, "acme", null, clock.instant(), "sealed-" + id), null)).toList());
        return queue.claim("w-1", 10, LEASE);
    }

    private static DeliveryResponse answer(ItemResult... results) {
        return new DeliveryResponse(List.of(results));
    }

    @Test
    void storedAndAlreadyStoredMessagesAreAcknowledgedAndARejectedOneDeadLettered() {
        List<ClaimedMessage> batch = claim("m-1", "m-2", "m-3");

        boolean taken = delivery(10, b -> answer(new ItemResult("m-1", Outcome.STORED, null),
                new ItemResult("m-2", Outcome.DUPLICATE, null),
                new ItemResult("m-3", Outcome.REJECTED, "invalid_message"))).deliver(batch);

        assertThat(taken).isTrue();
        assertThat(calls).singleElement().satisfies(b -> assertThat(b).extracting(QueuedMessage::messageId)
                .containsExactly("m-1", "m-2", "m-3"));
        assertThat(queue.depth()).isZero();
        assertThat(queue.deadLetters(10)).singleElement().satisfies(dead -> {
            assertThat(dead.message().messageId()).isEqualTo("m-3");
            assertThat(dead.reason()).isEqualTo("invalid_message");
        });
        assertThat(meters.counter("worker_messages_delivered_total", "worker_id", "w-1").count()).isEqualTo(2);
        assertThat(meters.counter("worker_messages_failed_total", "worker_id", "w-1", "reason", "rejected").count())
                .isEqualTo(1);
    }

    @Test
    void anUnavailableServerLeavesEveryMessageToBeRetriedAfterTheInterval() {
        List<ClaimedMessage> batch = claim("m-1", "m-2");

        boolean taken = delivery(10, b -> {
            throw new TemporaryDeliveryException("server answered 503", null);
        }).deliver(batch);

        assertThat(taken).isFalse();
        assertThat(queue.deadLetters(10)).isEmpty();
        assertThat(queue.claim("w-1", 10, LEASE)).as("not before the retry interval").isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(queue.claim("w-1", 10, LEASE)).extracting(ClaimedMessage::attempts).containsExactly(1, 1);
    }

    @Test
    void aMessageTheServerAnsweredNothingForIsRetriedNotAcknowledged() {
        List<ClaimedMessage> batch = claim("m-1", "m-2");

        delivery(10, b -> answer(new ItemResult("m-1", Outcome.STORED, null))).deliver(batch);

        clock.advance(Duration.ofSeconds(30));
        assertThat(queue.claim("w-1", 10, LEASE)).extracting(c -> c.message().messageId()).containsExactly("m-2");
    }

    @Test
    void aResultForAnotherMessageIsNotTakenForThisOne() {
        List<ClaimedMessage> batch = claim("m-1");

        delivery(10, b -> answer(new ItemResult("m-9", Outcome.STORED, null))).deliver(batch);

        assertThat(queue.depth()).isEqualTo(1);
    }

    @Test
    void theLastAllowedAttemptDeadLettersWithTheCause() {
        List<ClaimedMessage> batch = claim("m-1");

        delivery(1, b -> {
            throw new TemporaryDeliveryException("server unreachable: ConnectException", null);
        }).deliver(batch);

        assertThat(queue.deadLetters(10)).singleElement().satisfies(dead -> assertThat(dead.reason())
                .isEqualTo("Exceeded maximum attempts (1): server unreachable: ConnectException"));
        assertThat(meters.counter("worker_messages_failed_total", "worker_id", "w-1", "reason", "max_attempts_exceeded")
                .count()).isEqualTo(1);
    }
}
