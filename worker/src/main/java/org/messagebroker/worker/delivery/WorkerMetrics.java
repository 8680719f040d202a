package org.messagebroker.worker.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker's metrics under Message Broker 1.0's names (seed-spec §12). */
final class WorkerMetrics {

    private final MeterRegistry meters;
    private final String workerId;
    private final Timer deliveryTime;
    private final Timer queueWait;
    private final AtomicInteger processing = new AtomicInteger();

    WorkerMetrics(MeterRegistry meters, String workerId) {
        this.meters = meters;
        this.workerId = workerId;
        this.deliveryTime = Timer.builder("worker_delivery_duration_seconds").tag("worker_id", workerId)
                .publishPercentileHistogram().register(meters);
        this.queueWait = Timer.builder("worker_queue_wait_seconds").tag("worker_id", workerId)
                .publishPercentileHistogram().register(meters);
        Gauge.builder("worker_processing_messages", processing, AtomicInteger::get).tag("worker_id", workerId)
                .register(meters);
    }

    /** Messages in a delivery call right now. */
    void processing(int delta) {
        processing.addAndGet(delta);
    }

    void delivered() {
        meters.counter("worker_messages_delivered_total", "worker_id", workerId).increment();
        meters.counter("worker_messages_processed_total", "worker_id", workerId, "status", "delivered").increment();
    }

    void failed(String reason) {
        meters.counter("worker_messages_failed_total", "worker_id", workerId, "reason", reason).increment();
        meters.counter("worker_messages_processed_total", "worker_id", workerId, "status", "failed").increment();
    }

    void retried() {
        meters.counter("worker_messages_retried_total", "worker_id", workerId).increment();
    }

    void deliveryTime(Duration duration) {
        deliveryTime.record(duration);
    }

    void queueWait(Duration duration) {
        queueWait.record(duration);
    }
}
