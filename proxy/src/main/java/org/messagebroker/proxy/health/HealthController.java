package org.messagebroker.proxy.health;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.core.BrokerVersion;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.proxy.access.ClientGate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/health} in the original's shape, but honest: 503 when the queue cannot be reached
 * (nothing can be accepted), {@code degraded} when only the server is (messages are still accepted for
 * known clients), and the proxy's own certificate as valid, expiring (within 30 days) or expired.
 */
@RestController
class HealthController {

    private final MessageQueue queue;
    private final ClientGate gate;
    private final X509Certificate certificate;
    private final Clock clock;

    HealthController(MessageQueue queue, ClientGate gate, @Value("${broker.tls.certificate}") Path certificate,
            Clock clock) {
        this.queue = queue;
        this.gate = gate;
        this.certificate = PemFiles.readCertificate(certificate);
        this.clock = clock;
    }

    @GetMapping("/api/v1/health")
    ResponseEntity<Map<String, Object>> health() {
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
        return ResponseEntity.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private String queueHealth() {
        try {
            queue.depth();
            return "healthy";
        } catch (RuntimeException e) {
            return "unhealthy";
        }
    }

    private String certificateHealth() {
        Instant now = clock.instant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return "expired";
        }
        return now.plus(Duration.ofDays(30)).isAfter(notAfter) ? "expiring" : "valid";
    }
}
