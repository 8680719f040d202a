package org.messagebroker.proxy.ingest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.messagebroker.core.Failpoints;
import org.messagebroker.core.concurrent.Completions;
import org.messagebroker.core.intake.Accepted;
import org.messagebroker.core.intake.InvalidSubmissionException;
import org.messagebroker.core.intake.MessageIntake;
import org.messagebroker.core.intake.Origin;
import org.messagebroker.core.intake.RateLimitedException;
import org.messagebroker.core.intake.Submission;
import org.messagebroker.core.queue.QueueUnavailableException;
import org.messagebroker.proxy.access.ClientGate;
import org.messagebroker.proxy.http.Json;
import org.messagebroker.proxy.http.NonBlockingEndpoint;
import org.messagebroker.proxy.http.ProxyException;
import org.messagebroker.proxy.http.ProxyRequest;
import org.messagebroker.proxy.http.ProxyResponse;
import org.messagebroker.proxy.http.Route;
import org.messagebroker.proxy.http.Routes;
import org.messagebroker.proxy.ingest.IngestMetrics.FailureReason;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/messages}: the client's certificate names the client, the intake does the rest.
 * 202 follows only once the queue has durably stored the sealed message. Nothing here blocks: it starts on
 * the event loop, and the answer is built there when the queue's group commit has written the batch.
 */
@Component
class SubmitEndpoint implements Routes {

    private final MessageIntake intake;
    private final IngestMetrics metrics;
    private final ClientGate gate;

    SubmitEndpoint(MessageIntake intake, IngestMetrics metrics, ClientGate gate) {
        this.intake = intake;
        this.metrics = metrics;
        this.gate = gate;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("POST", "/api/v1/messages", (NonBlockingEndpoint) this::submit));
    }

    private CompletableFuture<ProxyResponse> submit(ProxyRequest request, Executor eventLoop) {
        try {
            Json.requireJson(request);
            Origin origin = gate.admit(request.clientCertificate());
            SubmitRequest body = SubmitParser.parse(request.body());
            return intake.submit(new Submission(origin, body.senderNumber(), body.messageBody(), body.domain(),
                    request.header(MessageIntake.IDEMPOTENCY_HEADER))).handleAsync(this::answer, eventLoop);
        } catch (RuntimeException refused) {
            throw counted(refused);
        }
    }

    private ProxyResponse answer(@Nullable Accepted accepted, @Nullable Throwable failure) {
        try {
            if (failure != null) {
                throw Completions.unchecked(failure);
            }
            if (!accepted.replayed()) {
                metrics.enqueued();
            }
            Failpoints.crashIfActive(Failpoints.PROXY_AFTER_ENQUEUE_BEFORE_RESPONSE);
            ProxyResponse response = Json.response(202, accepted.body());
            accepted.rateHeaders().forEach(response::withHeader);
            return accepted.replayed() ? response.withHeader("Idempotent-Replayed", "true") : response;
        } catch (RuntimeException refused) {
            throw counted(refused);
        }
    }

    private RuntimeException counted(RuntimeException refusal) {
        metrics.failed(switch (refusal) {
            case RateLimitedException _ -> FailureReason.rate_limited;
            case ClientGate.Denied _ -> FailureReason.invalid_certificate;
            case InvalidSubmissionException _, ProxyException _ -> FailureReason.validation_error;
            case QueueUnavailableException _ -> FailureReason.redis_error;
            default -> FailureReason.internal_error;
        });
        return refusal;
    }
}
