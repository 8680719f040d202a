package org.messagebroker.proxy.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code GET /metrics} (Prometheus text, the original's metric names) and {@code GET /api/v1/openapi.yaml}
 * (the client API's description, as YAML).
 */
@Component
class PlainEndpoints implements Routes {

    private static final String OPENAPI = "static/api/v1/openapi.yaml";

    private final PrometheusMeterRegistry prometheus;
    private final byte[] openApi;

    PlainEndpoints(PrometheusMeterRegistry prometheus) {
        this.prometheus = prometheus;
        try (InputStream in = PlainEndpoints.class.getClassLoader().getResourceAsStream(OPENAPI)) {
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", "/metrics", request -> ProxyResponse.of(200, "text/plain; version=0.0.4; charset=utf-8",
                        prometheus.scrape().getBytes(StandardCharsets.UTF_8))),
                new Route("GET", "/api/v1/openapi.yaml", request -> ProxyResponse.of(200, "application/yaml", openApi)));
    }
}
