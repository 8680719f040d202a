package org.messagebroker.server.ca;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.messagebroker.core.errors.Rejection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/certificates/renew} on the mTLS connector: the proxy forwards a client's own
 * renewal, having authenticated the client by its current certificate. A CSR is required: the client
 * keeps its key.
 */
@RestController
class InternalRenewalController {

    private final ClientCertificateService certificates;

    InternalRenewalController(ClientCertificateService certificates) {
        this.certificates = certificates;
    }

    @PostMapping("/internal/certificates/renew")
    ResponseEntity<IssuedCertificate> renew(@RequestBody RenewalRequest request) {
        if (request.csr() == null || request.csr().isBlank()) {
            throw new Rejection.Invalid("csr is required");
        }
        return CertificateAdminController.created(certificates.renew(new ClientCertificateService.Request(
                request.clientId(), null, request.validityDays(), request.csr()), null, null));
    }

    record RenewalRequest(@JsonProperty("client_id") String clientId, @JsonProperty("csr") String csr,
            @JsonProperty("validity_days") Integer validityDays) {
    }
}
