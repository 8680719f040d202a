package org.messagebroker.proxy.renewal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.core.tls.InternalApiClient;
import org.messagebroker.proxy.access.ClientGate;
import org.messagebroker.proxy.http.Json;
import org.messagebroker.proxy.http.ProxyException;
import org.messagebroker.proxy.http.ProxyRequest;
import org.messagebroker.proxy.http.ProxyResponse;
import org.messagebroker.proxy.http.Route;
import org.messagebroker.proxy.http.Routes;
import org.messagebroker.proxy.http.ServerRelay;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * {@code POST /api/v1/certificates/renew}: a client renews its own certificate before it expires, with a
 * CSR, authenticated by the certificate it holds now (step-ca's pattern). The new certificate's subject
 * comes from the server's records.
 */
@Component
class RenewalEndpoint implements Routes {

    private final ClientGate gate;
    private final InternalApiClient server;

    RenewalEndpoint(ClientGate gate, InternalApiClient server) {
        this.gate = gate;
        this.server = server;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("POST", "/api/v1/certificates/renew", this::renew));
    }

    private ProxyResponse renew(ProxyRequest request) {
        Json.requireJson(request);
        String clientId = gate.admit(request.clientCertificate()).clientId();
        RenewalRequest renewal;
        try {
            renewal = Json.MAPPER.readValue(request.body(), RenewalRequest.class);
        } catch (JacksonException e) {
            throw new ProxyException(400, "The request body is not valid JSON of the expected shape.");
        }
        if (renewal == null) {
            throw new ProxyException(400, "The request body must be a JSON object.");
        }
        Map<String, Object> forwarded = new HashMap<>();
        forwarded.put("client_id", clientId);
        forwarded.put("csr", renewal.csr());
        forwarded.put("validity_days", renewal.validityDays());
        // The server's answer (the new certificate, or a problem saying what is wrong with the CSR) as it is.
        return ServerRelay.relay(() -> server.post("/internal/certificates/renew",
                Json.MAPPER.writeValueAsBytes(forwarded)), "The certificate authority");
    }

    record RenewalRequest(@JsonProperty("csr") String csr, @JsonProperty("validity_days") Integer validityDays) {
    }
}
