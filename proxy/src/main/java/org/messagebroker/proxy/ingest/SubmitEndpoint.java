package org.messagebroker.proxy.ingest;

import java.util.List;
import org.messagebroker.core.Failpoints;
import org.messagebroker.core.intake.Accepted;
import org.messagebroker.core.intake.InvalidSubmissionException;
import org.messagebroker.core.intake.MessageIntake;
import org.messagebroker.core.intake.Origin;
import org.messagebroker.core.intake.RateLimitedException;
import org.messagebroker.core.intake.Submission;
import org.messagebroker.core.queue.QueueUnavailableException;
import org.messagebroker.proxy.access.ClientGate;
import org.messagebroker.proxy.http.Json;
import org.messagebroker.proxy.http.ProxyException;
import org.messagebroker.proxy.http.ProxyRequest;
import org.messagebroker.proxy.http.ProxyResponse;
import org.messagebroker.proxy.http.Route;
import org.messagebroker.proxy.http.Routes;
import org.messagebroker.proxy.ingest.IngestMetrics.FailureReason;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/messages}: the client's certificate names the client, the intake does the rest.
 * 202 follows only once the queue has durably stored the sealed message.
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
        return List.of(new Route("POST", "/api/v1/messages", this::submit));
    }

    private ProxyResponse submit(ProxyRequest request) {
        try {
            Json.requireJson(request);
            Origin origin = gate.admit(request.clientCertificate());
            SubmitRequest body = SubmitParser.parse(request.body());
            Accepted accepted = intake.accept(new Submission(origin, body.senderNumber(), body.messageBody(),
                    body.domain(), request.header(MessageIntake.IDEMPOTENCY_HEADER)));
            if (!accepted.replayed()) {
                metrics.enqueued();
            }
            Failpoints.crashIfActive(Failpoints.PROXY_AFTER_ENQUEUE_BEFORE_RESPONSE);
            ProxyResponse response = Json.response(202, accepted.body());
            accepted.rateHeaders().forEach(response::withHeader);
            return accepted.replayed() ? response.withHeader("Idempotent-Replayed", "true") : response;
        } catch (RateLimitedException limited) {
            metrics.failed(FailureReason.rate_limited);
            throw limited;
        } catch (ClientGate.Denied denied) {
            metrics.failed(FailureReason.invalid_certificate);
            throw denied;
        } catch (InvalidSubmissionException | ProxyException invalid) {
            metrics.failed(FailureReason.validation_error);
            throw invalid;
        } catch (QueueUnavailableException down) {
            metrics.failed(FailureReason.redis_error);
            throw down;
        } catch (RuntimeException unexpected) {
            metrics.failed(FailureReason.internal_error);
            throw unexpected;
        }
    }
}
