package org.messagebroker.proxy.http;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.messagebroker.proxy.ProxySettings;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code GET /metrics} (Prometheus text, Message Broker 1.0's metric names) on a port of its own, plain HTTP,
 * bound to {@code METRICS_ADDRESS} (loopback unless the operator opens it): a client certificate is no
 * pass to the proxy's operational figures.
 */
@Component
class MetricsListener implements SmartLifecycle {

    private final PrometheusMeterRegistry prometheus;
    private final String address;
    private final int port;
    private HttpServer server;

    MetricsListener(PrometheusMeterRegistry prometheus, ProxySettings settings) {
        String address = settings.metrics().address();
        int port = settings.proxy().metricsPort();
        this.prometheus = prometheus;
        this.address = address;
        this.port = port;
    }

    @Override
    public void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics on " + address + ":" + port, e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = "GET".equals(exchange.getRequestMethod()) ? prometheus.scrape().getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders("GET".equals(exchange.getRequestMethod()) ? 200 : 405, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
