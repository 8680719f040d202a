package org.messagebroker.worker.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.messagebroker.core.delivery.DeliveryRequest;
import org.messagebroker.core.delivery.DeliveryResponse;
import org.messagebroker.core.delivery.FailureReport;
import org.messagebroker.core.queue.DeadLetter;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.tls.TlsContexts;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Calls the server's internal delivery API over mutual TLS with the worker's certificate. */
@Component
public class ServerClient implements DeliveryEndpoint {

    private final HttpClient http;
    private final URI deliverUri;
    private final URI failuresUri;
    private final Duration timeout;
    private final JsonMapper json;

    ServerClient(WorkerSettings settings, JsonMapper json) {
        WorkerSettings.Tls tls = settings.tls();
        this.http = HttpClient.newBuilder()
                .sslContext(TlsContexts.mutual(tls.certificate(), tls.privateKey(), tls.caCertificate()))
                .connectTimeout(settings.timeout())
                .build();
        this.deliverUri = settings.serverUrl().resolve("/internal/messages/deliver");
        this.failuresUri = settings.serverUrl().resolve("/internal/messages/failures");
        this.timeout = settings.timeout();
        this.json = json;
    }

    /**
     * Delivers a batch and answers the server's per-message results.
     *
     * @throws TemporaryDeliveryException when the call did not succeed. A refused call (say, a
     *         certificate the server does not accept) is a fault of this installation, not of the
     *         messages, so it is retried too rather than dead-lettering every message.
     */
    @Override
    public DeliveryResponse deliver(List<QueuedMessage> batch) {
        return json.readValue(post(deliverUri, new DeliveryRequest(batch)), DeliveryResponse.class);
    }

    /** Whether the server's internal API answers this worker (an empty delivery). */
    public boolean reachable() {
        try {
            deliver(List.of());
            return true;
        } catch (TemporaryDeliveryException e) {
            return false;
        }
    }

    /** Hands dead letters over to the server, which records them as failed; throws like {@link #deliver}. */
    void reportFailures(List<DeadLetter> deadLetters) {
        post(failuresUri, new FailureReport(deadLetters.stream()
                .map(d -> new FailureReport.Failure(d.message(), d.attempts(), d.reason(), d.deadAt())).toList()));
    }

    private byte[] post(URI uri, Object body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TemporaryDeliveryException("server unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemporaryDeliveryException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new TemporaryDeliveryException("server answered " + response.statusCode(), null);
        }
        return response.body();
    }

    /** Worth retrying later: the server was down, overloaded, refused the call or did not answer in time. */
    static class TemporaryDeliveryException extends RuntimeException {
        TemporaryDeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
