package org.messagebroker.server.ca;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.core.tls.Fingerprints;
import org.messagebroker.core.tls.PemFiles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/certificates/component}: a certificate for one of the system's own components
 * (server, proxy, worker, portal) with the host names and addresses it serves under. Installed in place
 * of {@code tls/<name>.crt|key}, it is picked up without a restart.
 */
@RestController
class ComponentCertificateController {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private final CertificateAuthority ca;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ComponentCertificateController(CertificateAuthority ca, ApplicationEventPublisher events, Clock clock) {
        this.ca = ca;
        this.events = events;
        this.clock = clock;
    }

    @PostMapping("/admin/certificates/component")
    ResponseEntity<ComponentCertificate> issue(@RequestBody ComponentRequest request, @AuthenticationPrincipal(expression = "id") long adminId,
            HttpServletRequest http) throws CertificateEncodingException {
        if (request.name() == null || !NAME.matcher(request.name()).matches()
                || ComponentRole.forName(request.name()).isEmpty()) {
            throw new Rejection.Invalid("name must be a component's role (proxy, worker,"
                    + " server, portal), optionally followed by '-' and a lower-case suffix (worker-2)");
        }
        int days = request.validityDays() == null ? 365 : request.validityDays();
        if (days < 1 || days > 825) {
            throw new Rejection.Invalid("validity_days must be 1 to 825");
        }
        List<String> dns = request.dnsNames() == null || request.dnsNames().isEmpty() ? List.of("localhost")
                : request.dnsNames();
        List<String> ips = request.ipAddresses() == null ? List.of() : request.ipAddresses();
        KeyPair pair = CertificateAuthority.newLeafKeyPair();
        X509Certificate certificate;
        try {
            certificate = ca.issueComponent(ComponentRole.forName(request.name()).orElseThrow(),
                    "CN=" + request.name() + ", O=MessageBroker", pair.getPublic(), clock.instant(), Duration.ofDays(days),
                    dns, ips);
        } catch (IllegalArgumentException badName) {
            throw new Rejection.Invalid("dns_names and ip_addresses must be valid");
        }
        events.publishEvent(new CertificateEvents.ComponentIssued(request.name(), adminId, http.getRemoteAddr(), dns,
                ips, certificate.getSerialNumber()));
        String chain = ca.chainPem(certificate);
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new ComponentCertificate(request.name(), chain,
                        PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()), Fingerprints.sha256(certificate),
                        certificate.getNotAfter().toInstant().toString()));
    }

    record ComponentRequest(@JsonProperty("name") String name, @JsonProperty("dns_names") List<String> dnsNames,
            @JsonProperty("ip_addresses") List<String> ipAddresses, @JsonProperty("validity_days") Integer validityDays) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ComponentCertificate(@JsonProperty("name") String name, @JsonProperty("certificate") String certificate,
            @JsonProperty("private_key") String privateKey, @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("expires_at") String expiresAt) {
    }
}
