package org.messagebroker.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

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
    void afterCloseNothingMoreIsTaken() throws Exception {
        GroupCommit groupCommit = new GroupCommit(queue, 256);
        groupCommit.enqueue(message());
        groupCommit.close();
        assertThatThrownBy(() -> groupCommit.enqueue(message())).isInstanceOf(QueueUnavailableException.class);
        assertThat(queue.depth()).isEqualTo(1);
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
