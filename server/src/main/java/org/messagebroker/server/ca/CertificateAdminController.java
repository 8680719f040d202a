package org.messagebroker.server.ca;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of the CA: issue (201, 409 if the client exists), renew and revoke. */
@RestController
class CertificateAdminController {

    private final ClientCertificateService certificates;
    private final RevocationService revocation;

    CertificateAdminController(ClientCertificateService certificates, RevocationService revocation) {
        this.certificates = certificates;
        this.revocation = revocation;
    }

    @PostMapping("/admin/certificates/generate")
    ResponseEntity<IssuedCertificate> generate(@RequestBody CertificateRequest request,
            @AuthenticationPrincipal(expression = "id") long adminId, HttpServletRequest http) {
        return created(certificates.generate(request.toRequest(), adminId,
                http.getRemoteAddr()));
    }

    @PostMapping("/admin/certificates/renew")
    ResponseEntity<IssuedCertificate> renew(@RequestBody CertificateRequest request, @AuthenticationPrincipal(expression = "id") long adminId,
            HttpServletRequest http) {
        return created(certificates.renew(request.toRequest(), adminId,
                http.getRemoteAddr()));
    }

    @PostMapping("/admin/certificates/revoke")
    Map<String, Object> revoke(@RequestBody RevokeRequest request, @AuthenticationPrincipal(expression = "id") long adminId,
            HttpServletRequest http) {
        Instant at = revocation.revoke(request.clientId(), request.reason(), request.reasonCode(),
                adminId, http.getRemoteAddr());
        return Map.of("status", "success", "message", "Certificate revoked for " + request.clientId(),
                "revoked_at", at.toString());
    }

    /** A private key may be in the body: it must not be cached anywhere. */
    static ResponseEntity<IssuedCertificate> created(IssuedCertificate issued) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(issued);
    }

    record RevokeRequest(@JsonProperty("client_id") String clientId, @JsonProperty("reason") String reason,
            @JsonProperty("reason_code") String reasonCode) {
    }

    record CertificateRequest(@JsonProperty("client_id") String clientId, @JsonProperty("domain") String domain,
            @JsonProperty("validity_days") Integer validityDays, @JsonProperty("csr") String csr) {

        ClientCertificateService.Request toRequest() {
            return new ClientCertificateService.Request(clientId, domain, validityDays, csr);
        }
    }
}
