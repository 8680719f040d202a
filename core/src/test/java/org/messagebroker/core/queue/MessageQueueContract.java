package org.messagebroker.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.testing.MutableClock;

/**
 * What every queue backend promises, as default test methods (the Apache James pattern): a backend's
 * test implements this interface and supplies an empty queue on a {@link MutableClock}.
 */
public interface MessageQueueContract {

    Duration LEASE = Duration.ofSeconds(60);

    /** An empty queue whose time is {@link #clock()}. */
    MessageQueue queue();

    MutableClock clock();

    default QueuedMessage message() {
        String id = UUID.randomUUID().toString();
        return new QueuedMessage(id, "client-a", "default", clock().instant(), "v1.sealed." + id);
    }

    @Test
    default void aClaimedMessageCarriesWhatWasEnqueued() {
        QueuedMessage sent = message();
        queue().enqueue(sent);
        List<ClaimedMessage> claimed = queue().claim("w1", 10, LEASE);
        assertThat(claimed).singleElement().satisfies(c -> {
            assertThat(c.message()).isEqualTo(sent);
            assertThat(c.attempts()).isZero();
        });
    }

    @Test
    default void enqueueAnswersTheDepthAfterIt() {
        assertThat(queue().enqueue(message()).depth()).isEqualTo(1);
        assertThat(queue().enqueue(message()).depth()).isEqualTo(2);
        assertThat(queue().depth()).isEqualTo(2);
    }

    @Test
    default void aBatchIsStoredWholeInOrderWithItsKeysHonouredWithinTheBatchToo() {
        QueuedMessage plain = message();
        QueuedMessage keyed = messageOf("client-a");
        QueuedMessage retry = messageOf("client-a");
        QueuedMessage earlierKeyed = messageOf("client-a");
        queue().enqueue(earlierKeyed, key("client-a", "k-0", "h-0"));

        List<Enqueued> results = queue().enqueueAll(List.of(new Enqueueing(plain, null),
                new Enqueueing(keyed, key("client-a", "k-1", "h-1")), new Enqueueing(retry, key("client-a", "k-1", "h-1")),
                new Enqueueing(message(), key("client-a", "k-0", "h-0"))));

        assertThat(results).extracting(Enqueued::messageId)
                .containsExactly(plain.messageId(), keyed.messageId(), keyed.messageId(), earlierKeyed.messageId());
        assertThat(results).extracting(Enqueued::replayed).containsExactly(false, false, true, true);
        assertThat(results).extracting(Enqueued::depth).containsOnly(3L);
        assertThat(queue().claim("w1", 10, LEASE)).extracting(c -> c.message().messageId())
                .containsExactly(earlierKeyed.messageId(), plain.messageId(), keyed.messageId());
    }

    @Test
    default void theOldestMessageIsKnownUntilItLeaves() {
        assertThat(queue().oldestQueuedAt()).isEmpty();
        QueuedMessage oldest = message();
        queue().enqueue(oldest);
        clock().advance(Duration.ofSeconds(5));
        queue().enqueue(message());
        assertThat(queue().oldestQueuedAt()).hasValue(oldest.queuedAt());

        ClaimedMessage first = queue().claim("w1", 1, LEASE).getFirst();
        queue().retryLater(first, clock().instant().plusSeconds(30), "server unreachable");
        assertThat(queue().oldestQueuedAt()).as("waiting for a retry still counts").hasValue(oldest.queuedAt());
        clock().advance(Duration.ofSeconds(30));
        queue().acknowledge(queue().claim("w1", 10, LEASE));
        assertThat(queue().oldestQueuedAt()).isEmpty();
    }

    @Test
    default void messagesAreClaimedInArrivalOrderAndUpToTheBatchSize() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            QueuedMessage m = message();
            sent.add(m.messageId());
            queue().enqueue(m);
        }
        assertThat(queue().claim("w1", 3, LEASE)).extracting(c -> c.message().messageId())
                .containsExactlyElementsOf(sent.subList(0, 3));
        assertThat(queue().claim("w1", 3, LEASE)).extracting(c -> c.message().messageId())
                .containsExactlyElementsOf(sent.subList(3, 5));
    }

    @Test
    default void aClaimedMessageIsNotHandedOutAgainWhileItsLeaseRuns() {
        queue().enqueue(message());
        assertThat(queue().claim("w1", 10, LEASE)).hasSize(1);
        clock().advance(LEASE.minusSeconds(1));
        assertThat(queue().claim("w2", 10, LEASE)).isEmpty();
    }

    @Test
    default void anAcknowledgedMessageIsGoneForGood() {
        queue().enqueue(message());
        List<ClaimedMessage> claimed = queue().claim("w1", 10, LEASE);
        queue().acknowledge(claimed);
        clock().advance(LEASE.multipliedBy(2));
        assertThat(queue().claim("w1", 10, LEASE)).isEmpty();
        assertThat(queue().depth()).isZero();
    }

    @Test
    default void aClaimWhoseWorkerDiedIsRedeliveredAfterTheLease() {
        QueuedMessage sent = message();
        queue().enqueue(sent);
        queue().claim("crashed-worker", 10, LEASE);
        clock().advance(LEASE.plusSeconds(1));
        assertThat(queue().claim("w2", 10, LEASE)).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo(sent));
    }

    @Test
    default void aWorkerStartingAgainTakesBackItsOwnClaimsAtOnceAndNoOneElses() {
        QueuedMessage mine = message();
        QueuedMessage theirs = message();
        queue().enqueue(mine);
        queue().enqueue(theirs);
        List<ClaimedMessage> before = queue().claim("w1", 1, LEASE);
        queue().claim("w2", 1, LEASE);

        assertThat(queue().releaseClaims("w1")).isEqualTo(1);
        assertThat(queue().releaseClaims("w3")).isZero();
        List<ClaimedMessage> again = queue().claim("w1", 10, LEASE);
        assertThat(again).as("without waiting for the lease, only w1's own claim")
                .extracting(ClaimedMessage::message).containsExactly(mine);
        queue().acknowledge(before);
        assertThat(queue().depth()).as("the previous run's claim settles nothing").isEqualTo(2);
        queue().acknowledge(again);
        assertThat(queue().depth()).isEqualTo(1);
    }

    @Test
    default void aStaleClaimCannotAcknowledgeAMessageSomeoneElseHolds() {
        assertOnlyTheCurrentClaimAcknowledges("slow-worker", "w2");
    }

    @Test
    default void aWorkerThatReclaimsItsOwnExpiredClaimInvalidatesTheOldOne() {
        assertOnlyTheCurrentClaimAcknowledges("w1", "w1");
    }

    /** {@code first} claims and lets the lease expire, {@code second} claims again: only the new claim settles. */
    private void assertOnlyTheCurrentClaimAcknowledges(String first, String second) {
        queue().enqueue(message());
        List<ClaimedMessage> stale = queue().claim(first, 10, LEASE);
        clock().advance(LEASE.plusSeconds(1));
        List<ClaimedMessage> current = queue().claim(second, 10, LEASE);
        assertThat(current).hasSize(1);
        queue().acknowledge(stale);
        assertThat(queue().depth()).isEqualTo(1);
        queue().acknowledge(current);
        assertThat(queue().depth()).isZero();
    }

    @Test
    default void retryLaterWaitsUntilTheDueTimeAndCountsTheAttempt() {
        queue().enqueue(message());
        ClaimedMessage claimed = queue().claim("w1", 10, LEASE).getFirst();
        Instant due = clock().instant().plusSeconds(30);
        queue().retryLater(claimed, due, "server unreachable");
        clock().advance(Duration.ofSeconds(29));
        assertThat(queue().claim("w1", 10, LEASE)).isEmpty();
        clock().advance(Duration.ofSeconds(1));
        assertThat(queue().claim("w1", 10, LEASE)).singleElement()
                .satisfies(c -> assertThat(c.attempts()).isEqualTo(1));
    }

    @Test
    default void aDeadLetterLeavesTheQueue() {
        QueuedMessage kept = message();
        queue().enqueue(message());
        queue().enqueue(kept);
        ClaimedMessage poisoned = queue().claim("w1", 1, LEASE).getFirst();
        queue().deadLetter(poisoned, "rejected by the server");
        clock().advance(LEASE.multipliedBy(2));
        assertThat(queue().claim("w1", 10, LEASE)).extracting(ClaimedMessage::message).containsExactly(kept);
        assertThat(queue().depth()).isEqualTo(1);
    }

    @Test
    default void deadLettersKeepTheirReasonAndAttemptsUntilForgotten() {
        QueuedMessage sent = message();
        queue().enqueue(sent);
        ClaimedMessage claimed = queue().claim("w1", 1, LEASE).getFirst();
        queue().retryLater(claimed, clock().instant(), "server unreachable");
        ClaimedMessage again = queue().claim("w1", 1, LEASE).getFirst();
        queue().deadLetter(again, "Exceeded maximum attempts (2)");

        List<DeadLetter> dead = queue().deadLetters(10);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo(sent);
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.reason()).isEqualTo("Exceeded maximum attempts (2)");
            assertThat(d.deadAt()).isEqualTo(clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        });
        queue().forgetDeadLetters(dead);
        assertThat(queue().deadLetters(10)).isEmpty();
    }

    @Test
    default void deadLettersComeOldestFirstAndUpToTheLimit() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            QueuedMessage m = message();
            sent.add(m.messageId());
            queue().enqueue(m);
        }
        for (ClaimedMessage c : queue().claim("w1", 3, LEASE)) {
            queue().deadLetter(c, "rejected");
            clock().advance(Duration.ofSeconds(1));
        }
        assertThat(queue().deadLetters(2)).extracting(d -> d.message().messageId())
                .containsExactlyElementsOf(sent.subList(0, 2));
    }

    default IdempotencyKey key(String clientId, String key, String requestHash) {
        return new IdempotencyKey(clientId, key, requestHash, Duration.ofHours(24));
    }

    default QueuedMessage messageOf(String clientId) {
        QueuedMessage m = message();
        return new QueuedMessage(m.messageId(), clientId, m.domain(), m.queuedAt(), m.sealed());
    }

    @Test
    default void aRepeatedIdempotencyKeyAnswersTheFirstMessageAndEnqueuesNothing() {
        QueuedMessage first = message();
        Enqueued original = queue().enqueue(first, key("client-a", "k-1", "hash-1"));
        assertThat(original.replayed()).isFalse();
        assertThat(original.messageId()).isEqualTo(first.messageId());
        assertThat(original.depth()).isEqualTo(1);

        Enqueued again = queue().enqueue(message(), key("client-a", "k-1", "hash-1"));
        assertThat(again.replayed()).isTrue();
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.queuedAt()).isEqualTo(first.queuedAt());
        assertThat(again.requestHash()).isEqualTo("hash-1");
        assertThat(queue().depth()).isEqualTo(1);

        Enqueued otherRequest = queue().enqueue(message(), key("client-a", "k-1", "hash-2"));
        assertThat(otherRequest.replayed()).isTrue();
        assertThat(otherRequest.requestHash()).as("lets the caller refuse a reused key").isEqualTo("hash-1");
    }

    @Test
    default void idempotencyKeysAreScopedToTheClientAndExpire() {
        queue().enqueue(messageOf("client-a"), new IdempotencyKey("client-a", "k", "h", Duration.ofMillis(300)));
        assertThat(queue().enqueue(messageOf("client-b"), key("client-b", "k", "h")).replayed()).isFalse();
        clock().advance(Duration.ofMillis(310));
        try {
            Thread.sleep(350);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(queue().enqueue(messageOf("client-a"), key("client-a", "k", "h")).replayed())
                .as("after the time to live").isFalse();
        assertThat(queue().depth()).isEqualTo(3);
    }

    @Test
    default void concurrentRequestsWithOneKeyEnqueueOnce() throws Exception {
        Set<String> answered = ConcurrentHashMap.newKeySet();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                running.add(clients.submit(() -> answered.add(
                        queue().enqueue(message(), key("client-a", "same-key", "h")).messageId())));
            }
            for (Future<?> request : running) {
                request.get();
            }
        }
        assertThat(answered).hasSize(1);
        assertThat(queue().depth()).isEqualTo(1);
    }

    @Test
    default void findTellsWhetherAMessageIsStillQueued() {
        QueuedMessage sent = message();
        queue().enqueue(sent);
        assertThat(queue().find(sent.messageId())).hasValueSatisfying(s -> {
            assertThat(s.clientId()).isEqualTo("client-a");
            assertThat(s.queuedAt()).isEqualTo(sent.queuedAt());
            assertThat(s.attempts()).isZero();
        });
        ClaimedMessage claimed = queue().claim("w1", 1, LEASE).getFirst();
        queue().retryLater(claimed, clock().instant(), "server unreachable");
        assertThat(queue().find(sent.messageId())).hasValueSatisfying(s -> assertThat(s.attempts()).isEqualTo(1));
        queue().acknowledge(queue().claim("w1", 1, LEASE));
        assertThat(queue().find(sent.messageId())).isEmpty();
        assertThat(queue().find("no-such-message")).isEmpty();
    }

    @Test
    default void findSeesDeadLettersUntilTheServerHasThem() {
        QueuedMessage sent = message();
        queue().enqueue(sent);
        queue().deadLetter(queue().claim("w1", 1, LEASE).getFirst(), "rejected");
        assertThat(queue().find(sent.messageId())).hasValueSatisfying(s -> assertThat(s.attempts()).isEqualTo(1));
        queue().forgetDeadLetters(queue().deadLetters(10));
        assertThat(queue().find(sent.messageId())).isEmpty();
    }

    @Test
    default void concurrentConsumersNeverGetTheSameMessage() throws Exception {
        int messages = 200;
        for (int i = 0; i < messages; i++) {
            queue().enqueue(message());
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService consumers = Executors.newFixedThreadPool(6)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                String consumer = "w" + c;
                running.add(consumers.submit(() -> {
                    List<ClaimedMessage> batch;
                    while (!(batch = queue().claim(consumer, 7, LEASE)).isEmpty()) {
                        batch.forEach(m -> {
                            if (!seen.add(m.message().messageId())) {
                                duplicates.add(m.message().messageId());
                            }
                        });
                        queue().acknowledge(batch);
                    }
                }));
            }
            for (Future<?> consumer : running) {
                consumer.get();
            }
        }
        assertThat(duplicates).isEmpty();
        assertThat(seen).hasSize(messages);
        assertThat(queue().depth()).isZero();
    }

    @Test
    default void aClientsRateLimitRefusesWhatGoesOverItWithoutEnqueueingIt() {
        List<Enqueued> results = queue().enqueueAll(List.of(limited(messageOf("client-a"), null, 3),
                limited(messageOf("client-a"), null, 3), limited(messageOf("client-b"), null, 3),
                limited(messageOf("client-a"), null, 3), limited(messageOf("client-a"), null, 3)));

        assertThat(results).extracting(Enqueued::rateLimited).containsExactly(false, false, false, false, true);
        assertThat(results).extracting(e -> e.rate().remaining()).containsExactly(2, 1, 2, 0, 0);
        assertThat(results.getLast().messageId()).isNull();
        assertThat(results.getLast().rate().retryAfterSeconds()).as("3 a minute: one every 20 s").isEqualTo(20);
        assertThat(queue().depth()).isEqualTo(4);
        assertThat(queue().enqueue(messageOf("client-c")).rate()).as("no limit, no decision").isNull();
    }

    @Test
    default void tokensComeBackAtTheLimitsPaceAndAnIdleClientsBurstIsItsLimit() {
        for (int i = 0; i < 3; i++) {
            queue().enqueueAll(List.of(limited(messageOf("client-a"), null, 3)));
        }
        assertThat(enqueueLimited("client-a", 3).rateLimited()).isTrue();
        clock().advance(Duration.ofSeconds(19));
        assertThat(enqueueLimited("client-a", 3).rateLimited()).isTrue();
        clock().advance(Duration.ofSeconds(1));
        assertThat(enqueueLimited("client-a", 3).rateLimited()).isFalse();
        assertThat(enqueueLimited("client-a", 3).rateLimited()).isTrue();
        clock().advance(Duration.ofMinutes(10));
        int burst = 0;
        while (!enqueueLimited("client-a", 3).rateLimited()) {
            burst++;
        }
        assertThat(burst).isEqualTo(3);
        assertThat(enqueueLimited("client-a", 5).rateLimited()).as("a raised limit refills at its own pace").isTrue();
        clock().advance(Duration.ofSeconds(12));
        assertThat(enqueueLimited("client-a", 5).rateLimited()).isFalse();
    }

    @Test
    default void aReplayTakesNoTokenAndARefusedKeyIsNotRecorded() {
        QueuedMessage first = messageOf("client-a");
        queue().enqueueAll(List.of(limited(first, key("client-a", "k-1", "h-1"), 1)));
        Enqueued replay = queue().enqueueAll(List.of(limited(messageOf("client-a"), key("client-a", "k-1", "h-1"), 1)))
                .getFirst();
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.messageId()).isEqualTo(first.messageId());

        Enqueued refused = queue().enqueueAll(List.of(limited(messageOf("client-a"), key("client-a", "k-2", "h-2"), 1)))
                .getFirst();
        assertThat(refused.rateLimited()).isTrue();
        clock().advance(Duration.ofMinutes(1));
        QueuedMessage retried = messageOf("client-a");
        Enqueued later = queue().enqueueAll(List.of(limited(retried, key("client-a", "k-2", "h-2"), 1))).getFirst();
        assertThat(later.replayed()).isFalse();
        assertThat(later.messageId()).isEqualTo(retried.messageId());
        assertThat(queue().depth()).isEqualTo(2);
    }

    private Enqueued enqueueLimited(String clientId, int perMinute) {
        return queue().enqueueAll(List.of(limited(messageOf(clientId), null, perMinute))).getFirst();
    }

    private static Enqueueing limited(QueuedMessage message, IdempotencyKey key, int perMinute) {
        return new Enqueueing(message, key, perMinute);
    }
}
