package org.messagebroker.server.ca;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to a certificate request, as Message Broker 1.0's API documents it. When the server generated
 * the key it is here once, as PKCS#8 PEM and as a PKCS#12 bundle with its password; with a CSR these
 * are absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuedCertificate(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("certificate") String certificate,
        @JsonProperty("private_key") String privateKey,
        @JsonProperty("pkcs12") String pkcs12,
        @JsonProperty("pkcs12_password") String pkcs12Password,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("ca_certificate") String caCertificate) {

    @Override
    public String toString() {
        return "IssuedCertificate[" + clientId + ", " + fingerprint + "]";
    }
}
