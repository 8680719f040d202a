package org.messagebroker.proxy.health;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.core.BrokerVersion;
import org.messagebroker.core.queue.QueueInspector;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.proxy.ProxySettings;
import org.messagebroker.proxy.access.ClientGate;
import org.messagebroker.proxy.http.Json;
import org.messagebroker.proxy.http.ProxyResponse;
import org.messagebroker.proxy.http.Route;
import org.messagebroker.proxy.http.Routes;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/v1/health} in Message Broker 1.0's shape, but honest: 503 when the queue cannot be reached
 * (nothing can be accepted), {@code degraded} when only the server is (messages are still accepted for
 * known clients), and the proxy's own certificate as valid, expiring (within 30 days) or expired.
 */
@Component
class ProxyHealthEndpoint implements Routes {

    private final QueueInspector queue;
    private final ClientGate gate;
    private final Path certificateFile;
    private final Clock clock;

    ProxyHealthEndpoint(QueueInspector queue, ClientGate gate, ProxySettings settings, Clock clock) {
        this.queue = queue;
        this.gate = gate;
        this.certificateFile = settings.tls().certificate();
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("GET", "/api/v1/health", request -> health()));
    }

    private ProxyResponse health() {
        String queueHealth = queueHealth();
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("queue", queueHealth);
        checks.put("main_server", gate.serverReachable() ? "healthy" : "unhealthy");
        checks.put("certificate", certificateHealth());
        boolean healthy = queueHealth.equals("healthy");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !healthy ? "unhealthy" : gate.serverReachable() ? "healthy" : "degraded");
        body.put("version", BrokerVersion.get());
        body.put("timestamp", clock.instant().toString());
        body.put("checks", checks);
        body.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        return Json.response(healthy ? 200 : 503, body);
    }

    private String queueHealth() {
        try {
            queue.depth();
            return "healthy";
        } catch (RuntimeException e) {
            return "unhealthy";
        }
    }

    /** Read each time: a rotated certificate is what the proxy presents now. */
    private String certificateHealth() {
        X509Certificate certificate = PemFiles.readCertificate(certificateFile);
        Instant now = clock.instant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return "expired";
        }
        return now.plus(Duration.ofDays(30)).isAfter(notAfter) ? "expiring" : "valid";
    }
}
