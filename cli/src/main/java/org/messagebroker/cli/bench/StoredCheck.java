package org.messagebroker.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end half of the benchmark: asks the proxy for every accepted message until the server
 * has stored it, and takes accepted → stored latencies from the server's own timestamps
 * ({@code queued_at}, {@code delivered_at}), so the polling itself does not inflate them.
 */
final class StoredCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final URI proxy;
    private final int concurrency;

    StoredCheck(HttpClient client, URI proxy, int concurrency) {
        this.client = client;
        this.proxy = proxy;
        this.concurrency = concurrency;
    }

    Result await(List<String> accepted, Duration timeout) throws InterruptedException {
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(accepted);
        Histogram storedMillis = new Histogram(3);
        Instant[] lastQueued = {Instant.MIN};
        Instant[] lastStored = {Instant.MIN};
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Semaphore inFlight = new Semaphore(concurrency);
            for (String id : List.copyOf(pending)) {
                inFlight.acquire();
                CompletableFuture<HttpResponse<String>> answer = client.sendAsync(
                        HttpRequest.newBuilder(proxy.resolve("/api/v1/messages/" + id)).timeout(Duration.ofSeconds(30))
                                .build(), HttpResponse.BodyHandlers.ofString());
                answer.whenComplete((response, failure) -> {
                    if (failure == null && response.statusCode() == 200) {
                        JsonNode message = JSON.readTree(response.body());
                        if ("delivered".equals(message.path("status").asString())) {
                            Instant queued = Instant.parse(message.path("queued_at").asString());
                            Instant stored = Instant.parse(message.path("delivered_at").asString());
                            synchronized (storedMillis) {
                                storedMillis.recordValue(Math.max(0, Duration.between(queued, stored).toMillis()));
                                lastQueued[0] = queued.isAfter(lastQueued[0]) ? queued : lastQueued[0];
                                lastStored[0] = stored.isAfter(lastStored[0]) ? stored : lastStored[0];
                            }
                            pending.remove(id);
                        }
                    }
                    inFlight.release();
                });
            }
            inFlight.acquire(concurrency);
            if (!pending.isEmpty()) {
                Thread.sleep(200);
            }
        }
        Duration drain = lastStored[0].equals(Instant.MIN) ? Duration.ZERO : Duration.between(lastQueued[0], lastStored[0]);
        return new Result(accepted.size() - pending.size(), pending.size(), storedMillis, drain);
    }

    /** {@code drain}: from the last message's acceptance to the last message stored. */
    record Result(int stored, int missing, Histogram storedMillis, Duration drain) {
    }
}
