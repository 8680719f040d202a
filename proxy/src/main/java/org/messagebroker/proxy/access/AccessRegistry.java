package org.messagebroker.proxy.access;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import org.messagebroker.core.tls.InternalApiClient;
import org.messagebroker.proxy.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the server's access list, fetched over mTLS every few seconds. While the server is unreachable
 * the last list stays in force (the proxy keeps accepting for known, active clients); until a first
 * list has arrived (fetched once at start, then on schedule) no client is admitted.
 */
@Component
class AccessRegistry implements AccessSource {

    private static final Logger log = LoggerFactory.getLogger(AccessRegistry.class);

    private final InternalApiClient server;
    private final Clock clock;
    private volatile AccessList current;
    private volatile Instant lastSuccess;
    private volatile boolean lastAttemptFailed;

    AccessRegistry(InternalApiClient server, Clock clock) {
        this.server = server;
        this.clock = clock;
        // Once at start, so a proxy that started next to a running server is ready at once.
        refresh();
    }

    @Scheduled(fixedDelayString = "${broker.proxy.access-refresh-interval:2s}")
    void refresh() {
        try {
            HttpResponse<byte[]> response = server.get("/internal/clients/access");
            if (response.statusCode() != 200) {
                throw new IOException("server answered " + response.statusCode());
            }
            current = Json.MAPPER.readValue(response.body(), AccessList.class);
            lastSuccess = clock.instant();
            if (lastAttemptFailed) {
                log.info("The server's access list is reachable again");
            }
            lastAttemptFailed = false;
        } catch (IOException | RuntimeException e) {
            if (!lastAttemptFailed) {
                log.warn("Cannot refresh the access list from the server ({}); keeping the last one", e.getMessage());
            }
            lastAttemptFailed = true;
        }
    }

    @Override
    public AccessList current() {
        return current;
    }

    @Override
    public boolean serverReachable() {
        return lastSuccess != null && !lastAttemptFailed;
    }
}
