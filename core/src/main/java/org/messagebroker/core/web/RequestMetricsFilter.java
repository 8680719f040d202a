package org.messagebroker.core.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Message Broker 1.0's request metrics, {@code <prefix>_requests_total{method,endpoint,status}} and
 * {@code <prefix>_request_duration_seconds{method,endpoint}} ({@code proxy_…}, {@code main_server_…}).
 * Counts every answer, including those of filters (413) and of security checks (401).
 */
public class RequestMetricsFilter extends OncePerRequestFilter implements Ordered {

    private final MeterRegistry meters;
    private final String prefix;

    public RequestMetricsFilter(MeterRegistry meters, String prefix) {
        this.meters = meters;
        this.prefix = prefix;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            String endpoint = pattern == null ? "unmatched" : pattern.toString();
            meters.counter(prefix + "_requests_total", "method", request.getMethod(), "endpoint", endpoint,
                    "status", Integer.toString(response.getStatus())).increment();
            Timer.builder(prefix + "_request_duration_seconds").tag("method", request.getMethod()).tag("endpoint", endpoint)
                    .publishPercentileHistogram().register(meters).record(System.nanoTime() - start,
                            java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
