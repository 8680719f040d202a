package org.messagebroker.cli.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;
import org.messagebroker.cli.bench.LoadRun.Accepted;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end half of the benchmark: asks the proxy for every accepted message until the server
 * has stored it, and takes accepted → stored latencies from the server's own timestamps
 * ({@code queued_at}, {@code delivered_at}), so the polling itself does not inflate them.
 */
final class StoredCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Connections connections;
    private final int concurrency;
    private final Histogram storedMillis = new Histogram(3);
    private Instant lastQueued = Instant.MIN;
    private Instant lastStored = Instant.MIN;

    StoredCheck(Connections connections, int concurrency) {
        this.connections = connections;
        this.concurrency = concurrency;
    }

    Result await(List<Accepted> accepted, Duration timeout) throws InterruptedException {
        Set<Accepted> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(accepted);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Queue<Accepted> round = new ConcurrentLinkedQueue<>(pending);
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                readers.add(Thread.ofVirtual().start(() -> read(round, pending)));
            }
            for (Thread reader : readers) {
                reader.join();
            }
            if (!pending.isEmpty()) {
                Thread.sleep(200);
            }
        }
        Duration drain = lastStored.equals(Instant.MIN) ? Duration.ZERO : Duration.between(lastQueued, lastStored);
        return new Result(accepted.size() - pending.size(), pending.size(), storedMillis, drain);
    }

    /** Reads each message back with the certificate that sent it: a client sees only its own messages. */
    private void read(Queue<Accepted> round, Set<Accepted> pending) {
        Map<Integer, HttpsConnection> open = new HashMap<>();
        try {
            for (Accepted message = round.poll(); message != null; message = round.poll()) {
                HttpsConnection connection = open.get(message.certificate());
                if (connection == null || !connection.reusable()) {
                    if (connection != null) {
                        connection.close();
                    }
                    connection = connections.open(message.certificate());
                    open.put(message.certificate(), connection);
                }
                HttpsConnection.Response response = connection.get("/api/v1/messages/" + message.messageId());
                if (response.status() == 200 && delivered(JSON.readTree(response.body()))) {
                    pending.remove(message);
                }
            }
        } catch (IOException e) {
            // this round ends for this reader; what it did not read stays pending for the next
        } finally {
            open.values().forEach(HttpsConnection::close);
        }
    }

    private boolean delivered(JsonNode message) {
        if (!"delivered".equals(message.path("status").asString())) {
            return false;
        }
        Instant queued = Instant.parse(message.path("queued_at").asString());
        Instant stored = Instant.parse(message.path("delivered_at").asString());
        synchronized (storedMillis) {
            storedMillis.recordValue(Math.max(0, Duration.between(queued, stored).toMillis()));
            lastQueued = queued.isAfter(lastQueued) ? queued : lastQueued;
            lastStored = stored.isAfter(lastStored) ? stored : lastStored;
        }
        return true;
    }

    /** {@code drain}: from the last message's acceptance to the last message stored. */
    record Result(int stored, int missing, Histogram storedMillis, Duration drain) {
    }
}
