package org.messagebroker.server.ca;

import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import org.messagebroker.core.tls.PemFiles;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public, unauthenticated: the CA certificate and its CRL, in PEM and DER. */
@RestController
class CaPublicController {

    private static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");
    private final CertificateAuthority ca;
    private final CrlPublisher crl;

    CaPublicController(CertificateAuthority ca, CrlPublisher crl) {
        this.ca = ca;
        this.crl = crl;
    }

    @GetMapping("/ca/ca.crt")
    ResponseEntity<String> certificate() throws CertificateEncodingException {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .body(PemFiles.pem("CERTIFICATE", ca.certificate().getEncoded()));
    }

    @GetMapping("/ca/crl.pem")
    ResponseEntity<String> crlPem() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)))
                .contentType(MediaType.parseMediaType("application/x-pem-file")).body(PemFiles.pem("X509 CRL", crl.der()));
    }

    @GetMapping("/ca/crl.der")
    ResponseEntity<byte[]> crlDer() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1))).contentType(PKIX_CRL)
                .body(crl.der());
    }
}
