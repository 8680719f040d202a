package org.messagebroker.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends messages to the proxy from {@code concurrency} threads, each with its own connection. At a fixed
 * rate (open model) request {@code n} is due at {@code start + n / rate} and its latency counts from then,
 * so a stalled server is not hidden by the generator waiting for it (coordinated omission); without a
 * rate every thread sends its next request as soon as the last one answered.
 */
final class LoadRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUBMIT = "/api/v1/messages";
    private static final long RETRY_BACKOFF_NANOS = 100_000_000;
    private static final long RETRY_BACKOFF_CAP_NANOS = 1_000_000_000;
    private static final String BODY = "{\"sender_number\":\"" + Ledger.SENDER + "\",\"message_body\":\"%s\"}";

    private final Connections connections;
    private final int concurrency;
    private final double rate;
    private final String run;
    private final Ledger ledger;
    private final int retries;
    private final Recorder latency = new Recorder(3);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicLong next = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private volatile boolean stopped;
    /** Only {@link #stop}: at the end of the duration a request already sent still gets its retries. */
    private volatile boolean interrupted;

    /**
     * With a {@code ledger}, every request carries an idempotency key and its outcome is written down. A
     * request that may not have been taken (no answer, 429, 5xx) is sent again with the same key up to
     * {@code retries} times, as a careful client would; every attempt goes into the ledger.
     */
    LoadRun(Connections connections, int concurrency, double rate, String run, Ledger ledger, int retries) {
        this.connections = connections;
        this.concurrency = concurrency;
        this.rate = rate;
        this.run = run;
        this.ledger = ledger;
        this.retries = retries;
    }

    /**
     * Sends {@code count} messages (or until {@code duration} passes); answers what happened. Every
     * thread connects (and handshakes) before the clock starts, so the first requests do not queue
     * behind {@code concurrency} handshakes at once.
     */
    Result run(long count, Duration duration) throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            int thread = i;
            senders.add(Thread.ofVirtual().name("bench-", i).start(() -> {
                connect(thread);
                connected.countDown();
                awaitQuietly(go);
                send(thread, start[0], count, duration == null ? Long.MAX_VALUE : duration.toNanos());
            }));
        }
        connected.await();
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread sender : senders) {
            sender.join();
        }
        long end = System.nanoTime();
        return new Result(sent.intValue(), List.copyOf(accepted), latency.getIntervalHistogram(),
                Duration.ofNanos(end - start[0]), errors.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
    }

    /**
     * Ends the run early: no request is started after this, nor a retry; what is in flight is answered
     * (or fails) and written down, and {@link #run} returns.
     */
    void stop() {
        interrupted = true;
        stopped = true;
    }

    private void connect(int thread) {
        try {
            connections.forRequest(thread);
        } catch (IOException | RuntimeException e) {
            connections.discard(thread); // the first request tries again and records the failure
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(int thread, long start, long count, long durationNanos) {
        for (long n = next.getAndIncrement(); n < count && !stopped; n = next.getAndIncrement()) {
            long from = rate > 0 ? start + (long) (n * 1e9 / rate) : System.nanoTime();
            if (from - start >= durationNanos) {
                stopped = true; // the others stop too; the result counts only what was sent
                return;
            }
            LockSupport.parkNanos(from - System.nanoTime());
            String key = ledger == null ? null : run + "-" + n;
            byte[] body = BODY.formatted(Ledger.body(run, n)).getBytes(StandardCharsets.UTF_8);
            sent.increment();
            for (int retry = 0; !attempt(thread, n, key, body, from) && retry < retries && !interrupted; retry++) {
                LockSupport.parkNanos(Math.min(RETRY_BACKOFF_CAP_NANOS, RETRY_BACKOFF_NANOS << Math.min(retry, 4)));
                from = System.nanoTime();
            }
        }
    }

    /** Sends once; answers whether that settled the request (202, or a refusal that retrying cannot change). */
    private boolean attempt(int thread, long n, String key, byte[] body, long from) {
        HttpsConnection.Response response = null;
        Exception failure = null;
        try {
            response = connections.forRequest(thread).post(SUBMIT, body, key);
        } catch (IOException | RuntimeException e) {
            connections.discard(thread);
            failure = e;
        }
        long micros = Math.max(1, (System.nanoTime() - from) / 1_000);
        latency.recordValue(micros);
        if (response == null) {
            failed(n, key, failure, micros);
            return false;
        }
        answered(thread, n, key, response, micros);
        return response.status() < 500 && response.status() != 429;
    }

    private void answered(int thread, long seq, String key, HttpsConnection.Response response, long micros) {
        String messageId = null;
        if (response.status() == 202) {
            messageId = JSON.readTree(response.body()).path("message_id").asString();
            accepted.add(new Accepted(messageId, connections.certificateOf(thread)));
        } else {
            errors.computeIfAbsent("HTTP " + response.status(), k -> new LongAdder()).increment();
        }
        if (ledger != null) {
            ledger.answered(run, seq, key, response.status(), messageId, micros);
        }
    }

    private void failed(long seq, String key, Exception failure, long micros) {
        errors.computeIfAbsent(failure.getClass().getSimpleName(), k -> new LongAdder()).increment();
        if (ledger != null) {
            ledger.failed(run, seq, key, failure, micros);
        }
    }

    /** A 202's message id, and which of the bench's certificates sent it (only its client may read it back). */
    record Accepted(String messageId, int certificate) {
    }

    /** Latencies in microseconds. */
    record Result(int sent, List<Accepted> accepted, Histogram latency, Duration elapsed, Map<String, Long> errors) {

        double acceptedPerSecond() {
            return accepted.size() / (elapsed.toNanos() / 1e9);
        }
    }
}
