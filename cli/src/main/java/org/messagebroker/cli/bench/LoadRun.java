package org.messagebroker.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends messages to the proxy: at a fixed rate (open model: each request has an intended start time and
 * its latency counts from then, so a stalled server is not hidden by the generator waiting for it —
 * coordinated omission) or as fast as {@code concurrency} requests in flight allow.
 */
final class LoadRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BODY = "{\"sender_number\":\"" + Ledger.SENDER + "\",\"message_body\":\"%s\"}";

    private final Connections connections;
    private final URI submit;
    private final int concurrency;
    private final double rate;
    private final String run;
    private final Ledger ledger;
    private final Recorder latency = new Recorder(3);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Queue<String> accepted = new ConcurrentLinkedQueue<>();

    /** With a {@code ledger}, every request carries an idempotency key and its outcome is written down. */
    LoadRun(Connections connections, URI proxy, int concurrency, double rate, String run, Ledger ledger) {
        this.run = run;
        this.ledger = ledger;
        this.connections = connections;
        this.submit = proxy.resolve("/api/v1/messages");
        this.concurrency = concurrency;
        this.rate = rate;
    }

    /** Sends {@code count} messages (or until {@code duration} passes); answers what happened. */
    Result run(long count, Duration duration) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        int sent = 0;
        long start = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        long intervalNanos = rate > 0 ? (long) (1_000_000_000L / rate) : 0;
        for (long i = 0; i < count && System.nanoTime() < deadline; i++) {
            long intended = rate > 0 ? start + i * intervalNanos : 0;
            if (rate > 0) {
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            inFlight.acquire();
            long from = rate > 0 ? intended : System.nanoTime();
            HttpClient client = connections.acquire(i);
            long seq = i;
            String key = ledger == null ? null : run + "-" + seq;
            HttpRequest.Builder request = HttpRequest.newBuilder(submit).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(Ledger.body(run, seq))));
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            sent++;
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                connections.release(client);
                latency.recordValue(Math.max(1, (now - from) / 1_000));
                if (failure != null) {
                    failed(seq, key, failure.getCause() == null ? failure : failure.getCause());
                } else {
                    answered(seq, key, response);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        long end = System.nanoTime();
        return new Result(sent, List.copyOf(accepted), latency.getIntervalHistogram(),
                Duration.ofNanos(end - start), errors.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
    }

    private void answered(long seq, String key, HttpResponse<String> response) {
        String messageId = null;
        if (response.statusCode() == 202) {
            messageId = messageId(response.body());
            accepted.add(messageId);
        } else {
            errors.computeIfAbsent("HTTP " + response.statusCode(), k -> new LongAdder()).increment();
        }
        if (ledger != null) {
            ledger.answered(run, seq, key, response.statusCode(), messageId);
        }
    }

    private void failed(long seq, String key, Throwable failure) {
        errors.computeIfAbsent(failure.getClass().getSimpleName(), k -> new LongAdder()).increment();
        if (ledger != null) {
            ledger.failed(run, seq, key, failure);
        }
    }

    private static String messageId(String body) {
        return JSON.readTree(body).path("message_id").asString();
    }

    /** Latencies in microseconds. */
    record Result(int sent, List<String> accepted, Histogram latency, Duration elapsed, Map<String, Long> errors) {

        double acceptedPerSecond() {
            return accepted.size() / (elapsed.toNanos() / 1e9);
        }
    }

}
