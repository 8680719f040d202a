package org.messagebroker.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.core.delivery.DeliveryResponse;
import org.messagebroker.core.delivery.DeliveryResponse.ItemResult;
import org.messagebroker.core.delivery.DeliveryResponse.Outcome;
import org.messagebroker.core.queue.Enqueueing;
import org.messagebroker.core.queue.InMemoryQueue;
import org.messagebroker.core.queue.QueuedMessage;

/** The worker's loops on real threads against the in-memory queue: they drain it, take back old claims, stop. */
class DeliveryLoopTest {

    final InMemoryQueue queue = new InMemoryQueue(Clock.systemUTC());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Set<String> stored = ConcurrentHashMap.newKeySet();
    final AtomicInteger ids = new AtomicInteger();
    @TempDir
    Path dataDir;
    DeliveryLoop loop;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    private DeliveryLoop start(int concurrency, int batchSize) {
        WorkerSettings settings = new WorkerSettings("w-1", URI.create("https://127.0.0.1:1"), concurrency, batchSize,
                Duration.ofMinutes(10), Duration.ofMillis(5), Duration.ZERO, Duration.ofSeconds(30),
                RetryPolicy.Backoff.fixed, Duration.ofMinutes(5), 10, Duration.ofSeconds(1), null);
        DeliveryEndpoint server = batch -> new DeliveryResponse(batch.stream().map(m -> new ItemResult(m.messageId(),
                stored.add(m.messageId()) ? Outcome.STORED : Outcome.DUPLICATE, null)).toList());
        WorkerIdentity identity = new WorkerIdentity(settings, dataDir);
        loop = new DeliveryLoop(queue, new BatchDelivery(queue, server, settings, identity, meters, Clock.systemUTC()),
                settings, identity, meters);
        loop.start();
        return loop;
    }

    private void enqueue(int count) {
        queue.enqueueAll(IntStream.range(0, count).mapToObj(i -> new Enqueueing(new QueuedMessage(
                "m-" + ids.incrementAndGet(), "acme", null, Instant.now(), "sealed"), null)).toList());
    }

    @Test
    void concurrentLoopsDrainTheQueueInBatchesEachMessageOnce() {
        enqueue(1_000);
        start(3, 50);

        await().atMost(Duration.ofSeconds(20)).until(() -> queue.depth() == 0);
        assertThat(stored).hasSize(1_000);
        assertThat(meters.counter("worker_messages_delivered_total", "worker_id", "w-1").count()).isEqualTo(1_000);
        assertThat(meters.get("worker_active_workers").gauge().value()).isEqualTo(3);
    }

    @Test
    void atStartItTakesBackWhatItsPreviousRunHadClaimed() {
        enqueue(20);
        assertThat(queue.claim("w-1", 20, Duration.ofHours(1))).as("the previous run's claims").hasSize(20);

        start(1, 50);

        await().atMost(Duration.ofSeconds(10)).until(() -> queue.depth() == 0);
        assertThat(stored).hasSize(20);
    }

    @Test
    void afterStopNothingMoreIsClaimed() {
        start(2, 10);
        loop.stop();
        assertThat(meters.get("worker_active_workers").gauge().value()).isZero();

        enqueue(5);

        assertThat(queue.depth()).isEqualTo(5);
        assertThat(queue.claim("other", 10, Duration.ofMinutes(1))).as("nothing claimed by the stopped loops")
                .hasSize(5);
        assertThat(loop.isRunning()).isFalse();
    }
}
