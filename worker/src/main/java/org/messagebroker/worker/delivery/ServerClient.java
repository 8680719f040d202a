package org.messagebroker.worker.delivery;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.messagebroker.core.delivery.DeliveryRequest;
import org.messagebroker.core.delivery.DeliveryResponse;
import org.messagebroker.core.delivery.FailureReport;
import org.messagebroker.core.delivery.FailureReport.Cause;
import org.messagebroker.core.queue.DeadLetter;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.tls.InternalApiClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Calls the server's internal delivery API ({@link InternalApiClient}) with the worker's certificate. */
@Component
public class ServerClient implements DeliveryEndpoint {

    private final InternalApiClient api;
    private final JsonMapper json;
    private final int maxAttempts;

    ServerClient(WorkerSettings settings, JsonMapper json) {
        WorkerSettings.Tls tls = settings.tls();
        this.api = new InternalApiClient(settings.serverUrl(), tls.certificate(), tls.privateKey(), tls.caCertificate(),
                settings.timeout());
        this.json = json;
        this.maxAttempts = settings.maxAttempts();
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
        return json.readValue(post("/internal/messages/deliver", new DeliveryRequest(batch)), DeliveryResponse.class);
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

    /**
     * Hands dead letters over to the server, which records them as failed; throws like {@link #deliver}. A dead
     * letter that used every attempt gave up on temporary failures; any other was rejected by the server.
     */
    void reportFailures(List<DeadLetter> deadLetters) {
        post("/internal/messages/failures", new FailureReport(deadLetters.stream()
                .map(d -> new FailureReport.Failure(d.message(), d.attempts(), d.reason(), d.deadAt(),
                        d.attempts() >= maxAttempts ? Cause.MAX_ATTEMPTS_EXCEEDED : Cause.REJECTED))
                .toList()));
    }

    private byte[] post(String path, Object body) {
        HttpResponse<byte[]> response;
        try {
            response = api.post(path, json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new TemporaryDeliveryException(e.getCause() instanceof InterruptedException ? "interrupted"
                    : "server unreachable: " + e.getClass().getSimpleName(), e);
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
