package org.messagebroker.server.health;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.server.keys.StorageCipher;
import org.messagebroker.server.storage.PortalReads;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} in Message Broker 1.0's shape: 200 when healthy, 503 when the database is down; with
 * {@code DB_READ_URL}, a {@code read_replica} component besides.
 */
@RestController
class HealthController {

    private final JdbcClient jdbc;
    private final StorageCipher cipher;
    private final PortalReads reads;
    private final Clock clock;

    HealthController(JdbcClient jdbc, StorageCipher cipher, PortalReads reads, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.reads = reads;
        this.clock = clock;
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        String database = databaseHealth();
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("database", database);
        components.put("encryption", cipher.currentVersion() > 0 ? "healthy" : "unhealthy");
        // A replica that fails leaves the portal working on the primary: degraded, not unhealthy.
        switch (reads.replicaState()) {
            case IN_USE -> components.put("read_replica", "healthy");
            case BYPASSED -> components.put("read_replica", "degraded");
            case NONE -> { }
        }
        boolean healthy = !components.containsValue("unhealthy");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "healthy" : "unhealthy");
        body.put("timestamp", clock.instant().toString());
        body.put("components", components);
        return ResponseEntity.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private String databaseHealth() {
        try {
            jdbc.sql("SELECT 1").query(Integer.class).single();
            return "healthy";
        } catch (RuntimeException e) {
            return "unhealthy";
        }
    }
}
