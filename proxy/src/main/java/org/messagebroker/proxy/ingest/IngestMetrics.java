package org.messagebroker.proxy.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** The proxy's counters under Message Broker 1.0's names, registered at start so they read 0, not absent. */
@Component
class IngestMetrics {

    /** Message Broker 1.0's reasons ({@code redis_error}: the queue did not take it, whichever backend), and ours. */
    enum FailureReason { invalid_certificate, redis_error, validation_error, internal_error, rate_limited }

    private final Counter enqueued;
    private final Map<FailureReason, Counter> failed;

    IngestMetrics(MeterRegistry meters) {
        this.enqueued = meters.counter("proxy_messages_enqueued_total");
        this.failed = Stream.of(FailureReason.values()).collect(Collectors.toMap(reason -> reason,
                reason -> meters.counter("proxy_messages_failed_total", "reason", reason.name())));
    }

    void enqueued() {
        enqueued.increment();
    }

    void failed(FailureReason reason) {
        failed.get(reason).increment();
    }
}
