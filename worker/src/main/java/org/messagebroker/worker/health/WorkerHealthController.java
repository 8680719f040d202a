package org.messagebroker.worker.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.worker.delivery.ServerClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} on the metrics port. 503 when the queue is unreachable (this worker can do
 * nothing); {@code degraded} with 200 when only the server is down (restarting the worker would not
 * help; it retries by itself). Also registers the queue gauges.
 */
@RestController
class WorkerHealthController {

    private final MessageQueue queue;
    private final ServerClient server;
    private final Clock clock;

    WorkerHealthController(MessageQueue queue, ServerClient server, Clock clock, MeterRegistry meters) {
        this.queue = queue;
        this.server = server;
        this.clock = clock;
        Gauge.builder("broker_queue_depth", queue, q -> safely(q::depth)).register(meters);
        Gauge.builder("broker_queue_dead_letters_waiting", queue, q -> safely(() -> q.deadLetters(10_000).size()))
                .register(meters);
        Gauge.builder("broker_queue_oldest_age_seconds", queue, q -> safely(() -> q.oldestQueuedAt()
                .map(oldest -> Duration.between(oldest, clock.instant()).toMillis() / 1000.0).orElse(0.0)))
                .register(meters);
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        double depth = safely(queue::depth);
        boolean queueUp = !Double.isNaN(depth);
        boolean serverUp = server.reachable();
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("queue", queueUp ? "healthy" : "unhealthy");
        checks.put("main_server", serverUp ? "healthy" : "unhealthy");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !queueUp ? "unhealthy" : serverUp ? "healthy" : "degraded");
        body.put("checks", checks);
        if (queueUp) {
            body.put("queue_depth", (long) depth);
        }
        body.put("timestamp", clock.instant().toString());
        return ResponseEntity.status(queueUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private static double safely(java.util.function.Supplier<Number> reading) {
        try {
            return reading.get().doubleValue();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }
}
