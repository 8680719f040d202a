package org.messagebroker.proxy.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Message Broker 1.0's request metrics, {@code proxy_requests_total{method,endpoint,status}} and
 * {@code proxy_request_duration_seconds{method,endpoint}}, for every answer the proxy gives. Meters are
 * looked up once per label set, not built per request.
 */
final class RequestMetrics {

    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, io.micrometer.core.instrument.Counter> counters = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(String method, String endpoint, int status, long startNanos) {
        counters.computeIfAbsent(method + ' ' + endpoint + ' ' + status, key -> meters.counter("proxy_requests_total",
                "method", method, "endpoint", endpoint, "status", Integer.toString(status))).increment();
        timers.computeIfAbsent(method + ' ' + endpoint, key -> Timer.builder("proxy_request_duration_seconds")
                        .tag("method", method).tag("endpoint", endpoint).publishPercentileHistogram().register(meters))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
