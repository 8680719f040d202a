package org.messagebroker.proxy.renewal;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.messagebroker.proxy.access.ClientGate;
import org.messagebroker.proxy.serverapi.InternalApi;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/certificates/renew}: a client renews its own certificate before it expires, with a
 * CSR, authenticated by the certificate it holds now (step-ca's pattern). The new certificate's subject
 * comes from the server's records; the old one stays valid until it expires or is revoked.
 */
@RestController
class RenewalController {

    private final ClientGate gate;
    private final InternalApi server;
    private final JsonMapper json;

    RenewalController(ClientGate gate, InternalApi server, JsonMapper json) {
        this.gate = gate;
        this.server = server;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/certificates/renew", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> renew(@RequestBody RenewalRequest request, HttpServletRequest http) {
        String clientId = gate.admit(http).clientId();
        Map<String, Object> forwarded = new HashMap<>();
        forwarded.put("client_id", clientId);
        forwarded.put("csr", request.csr());
        forwarded.put("validity_days", request.validityDays());
        HttpResponse<byte[]> answer;
        try {
            answer = server.post("/internal/certificates/renew", json.writeValueAsBytes(forwarded));
        } catch (IOException unreachable) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The certificate authority cannot be reached right now; retry later");
        }
        if (answer.statusCode() >= 500) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The certificate authority is unavailable");
        }
        // The server's answer (the new certificate, or a problem saying what is wrong with the CSR) as it is.
        return ResponseEntity.status(answer.statusCode()).cacheControl(CacheControl.noStore())
                .contentType(MediaType.parseMediaType(answer.headers().firstValue("Content-Type")
                        .orElse(MediaType.APPLICATION_JSON_VALUE)))
                .body(answer.body());
    }

    record RenewalRequest(@JsonProperty("csr") String csr, @JsonProperty("validity_days") Integer validityDays) {
    }
}
