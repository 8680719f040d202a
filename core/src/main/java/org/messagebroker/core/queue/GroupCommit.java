package org.messagebroker.core.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.messagebroker.core.concurrent.Completions;

/**
 * Group commit in front of a queue backend: the enqueues of concurrent requests are written together,
 * as one batch (one transaction and one fsync, or one Redis call and one AOF write), by a writer thread
 * that takes whatever has arrived while it wrote the last batch. Each caller returns only once its own
 * message's batch is durable; a batch that fails fails each of its callers, none of whose messages was
 * accepted. Under light load a batch is one message, so nothing waits for a batch to fill.
 * A {@link BacklogLinger} may let batches fill while the consumers are behind.
 */
public final class GroupCommit implements QueueProducer, AutoCloseable {

    private final QueueProducer backend;
    private final int maxBatch;
    private final BacklogLinger linger;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    public GroupCommit(QueueProducer backend, int maxBatch) {
        this(backend, maxBatch, BacklogLinger.never());
    }

    /** Lets a batch wait up to {@code linger} to fill while more than {@code backlog} entries are being consumed. */
    public GroupCommit(QueueProducer backend, int maxBatch, long backlog, Duration linger) {
        this(backend, maxBatch, new BacklogLinger(backlog, linger));
    }

    private GroupCommit(QueueProducer backend, int maxBatch, BacklogLinger linger) {
        this.backend = backend;
        this.maxBatch = maxBatch;
        this.linger = linger;
        // A platform thread: the backend may wait in native code (SQLite), which would pin a virtual one.
        this.writer = Thread.ofPlatform().daemon().name("group-commit").start(this::writeBatches);
    }

    @Override
    public List<Enqueued> enqueueAll(List<Enqueueing> messages) {
        return Completions.join(enqueueAllAsync(messages));
    }

    /**
     * Returns at once; the future completes on the writer thread once the batch holding these messages
     * is durable (or fails with what failed it). Continue on an executor of your own: the writer's time
     * is the next batch's.
     */
    @Override
    public CompletableFuture<List<Enqueued>> enqueueAllAsync(List<Enqueueing> messages) {
        if (closed) {
            return CompletableFuture.failedFuture(new QueueUnavailableException("the queue is closing", null));
        }
        if (messages.size() == 1) { // the intake's case, per request: no allOf and no stream
            Pending pending = new Pending(messages.getFirst());
            waiting.add(pending);
            return pending.result.thenApply(List::of);
        }
        List<Pending> mine = messages.stream().map(Pending::new).toList();
        waiting.addAll(mine);
        return CompletableFuture.allOf(mine.stream().map(Pending::result).toArray(CompletableFuture[]::new))
                .thenApply(done -> mine.stream().map(pending -> pending.result.join()).toList());
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closed || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, maxBatch - 1);
                fill(batch, linger.lingerNanos(System.nanoTime()));
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void fill(List<Pending> batch, long lingerNanos) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        while (lingerNanos > 0 && batch.size() < maxBatch) {
            Pending next = waiting.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            waiting.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<Enqueued> results = backend.enqueueAll(batch.stream().map(Pending::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result.complete(results.get(i));
            }
            int added = (int) results.stream().filter(e -> !e.rateLimited() && !e.replayed()).count();
            linger.written(added, results.stream().mapToLong(Enqueued::depth).max().orElse(0), System.nanoTime());
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.result.completeExceptionally(e));
        }
    }

    /** Messages waiting for the next batch. */
    int waiting() {
        return waiting.size();
    }

    /** Stops taking messages, writes those already waiting, and ends the writer. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        writer.join(10_000);
        waiting.forEach(p -> p.result.completeExceptionally(new QueueUnavailableException("the queue closed", null)));
    }

    private record Pending(Enqueueing item, CompletableFuture<Enqueued> result) {
        Pending(Enqueueing item) {
            this(item, new CompletableFuture<>());
        }
    }
}
