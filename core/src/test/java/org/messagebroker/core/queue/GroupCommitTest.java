package org.messagebroker.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Concurrent enqueues share writes; each caller still gets its own result only once it is written. */
class GroupCommitTest {

    private final InMemoryQueue queue = new InMemoryQueue(Clock.systemUTC());

    @Test
    void requestsThatArriveWhileABatchIsWrittenGoTogetherInTheNextOne() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        QueueProducer slowBackend = batch -> {
            batchSizes.add(batch.size());
            if (batchSizes.size() == 1) {
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
            }
            return queue.enqueueAll(batch);
        };
        try (GroupCommit groupCommit = new GroupCommit(slowBackend, 256);
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Enqueued> first = clients.submit(() -> groupCommit.enqueue(message()));
            firstWriteStarted.await();
            List<Future<Enqueued>> waiting = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waiting.add(clients.submit(() -> groupCommit.enqueue(message())));
            }
            while (groupCommit.waiting() < 20) {
                Thread.sleep(5);
            }
            assertThat(first.isDone()).as("no answer before its write is done").isFalse();
            releaseFirstWrite.countDown();
            assertThat(first.get().replayed()).isFalse();
            for (Future<Enqueued> each : waiting) {
                assertThat(each.get().messageId()).isNotNull();
            }
        }
        assertThat(batchSizes).containsExactly(1, 20);
        assertThat(queue.depth()).isEqualTo(21);
    }

    @Test
    void aFailedWriteFailsEveryCallerOfItsBatchAndLaterBatchesGoOn() throws Exception {
        List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
        QueueProducer failingOnce = batch -> {
            calls.add(batch.size());
            if (calls.size() == 1) {
                throw new QueueUnavailableException("queue down", null);
            }
            return queue.enqueueAll(batch);
        };
        try (GroupCommit groupCommit = new GroupCommit(failingOnce, 256)) {
            assertThatThrownBy(() -> groupCommit.enqueue(message())).isInstanceOf(QueueUnavailableException.class)
                    .hasMessage("queue down");
            assertThat(groupCommit.enqueue(message()).depth()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(20)
    void anAsynchronousEnqueueReturnsAtOnceAndCompletesWhenItsBatchIsWritten() throws Exception {
        CountDownLatch releaseWrite = new CountDownLatch(1);
        QueueProducer heldBackend = batch -> {
            await(releaseWrite);
            return queue.enqueueAll(batch);
        };
        try (GroupCommit groupCommit = new GroupCommit(heldBackend, 256)) {
            QueuedMessage first = message();
            QueuedMessage second = message();
            CompletableFuture<List<Enqueued>> pending = groupCommit.enqueueAllAsync(
                    List.of(new Enqueueing(first, null), new Enqueueing(second, null)));
            Thread.sleep(100);
            assertThat(pending).as("not complete before its write is done").isNotDone();
            releaseWrite.countDown();
            // One result per message, in order; the writer may have taken them in one batch or in two.
            assertThat(pending.get()).extracting(Enqueued::messageId)
                    .containsExactly(first.messageId(), second.messageId());
            assertThat(queue.depth()).isEqualTo(2);
        }
    }

    @Test
    void anAsynchronousEnqueueFailsWithWhatFailedItsBatch() throws Exception {
        QueueUnavailableException down = new QueueUnavailableException("queue down", null);
        try (GroupCommit groupCommit = new GroupCommit(batch -> {
            throw down;
        }, 256)) {
            CompletableFuture<List<Enqueued>> pending = groupCommit.enqueueAllAsync(List.of(new Enqueueing(message(), null)));
            assertThatThrownBy(pending::join).hasCause(down);
        }
    }

    @Test
    void afterCloseNothingMoreIsTaken() throws Exception {
        GroupCommit groupCommit = new GroupCommit(queue, 256);
        groupCommit.enqueue(message());
        groupCommit.close();
        assertThatThrownBy(() -> groupCommit.enqueue(message())).isInstanceOf(QueueUnavailableException.class);
        assertThat(queue.depth()).isEqualTo(1);
    }

    @Test
    @Timeout(20)
    void whileConsumersWorkOffABacklogABatchWaitsToFill() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        // The depths after each write: 1,000, then 900 (consumers took 101 meanwhile), then 950.
        QueueProducer backend = reportingDepths(batchSizes, 1_000, 900, 950);
        try (GroupCommit groupCommit = new GroupCommit(backend, 2, 300, Duration.ofMinutes(1));
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            groupCommit.enqueue(message());
            groupCommit.enqueue(message());
            Future<Enqueued> first = clients.submit(() -> groupCommit.enqueue(message()));
            while (batchSizes.size() < 2 || groupCommit.waiting() > 0) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            assertThat(first.isDone()).as("the third waits for a batch of two").isFalse();
            Enqueued second = groupCommit.enqueue(message());
            assertThat(first.get().depth()).isEqualTo(950);
            assertThat(second.depth()).isEqualTo(950);
        }
        assertThat(batchSizes).containsExactly(1, 1, 2);
    }

    @Test
    @Timeout(20)
    void aBacklogThatNobodyConsumesIsNoReasonToWait() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        QueueProducer backend = reportingDepths(batchSizes, 1_000, 1_001, 1_002);
        try (GroupCommit groupCommit = new GroupCommit(backend, 2, 300, Duration.ofMinutes(1))) {
            for (int i = 0; i < 3; i++) {
                groupCommit.enqueue(message());
            }
        }
        assertThat(batchSizes).containsExactly(1, 1, 1);
    }

    private QueueProducer reportingDepths(List<Integer> batchSizes, long... depths) {
        return batch -> {
            long depth = depths[batchSizes.size()];
            batchSizes.add(batch.size());
            return queue.enqueueAll(batch).stream().map(e -> e.atDepth(depth)).toList();
        };
    }

    private static QueuedMessage message() {
        String id = UUID.randomUUID().toString();
        return new QueuedMessage(id, "client-a", "default", Instant.now(), "v1.sealed." + id);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
