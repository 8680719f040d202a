package org.messagebroker.server.ca;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** What the certificate authority did, published for whoever keeps track (the audit trail). */
public final class CertificateEvents {

    private CertificateEvents() {
    }

    /**
     * A client certificate issued, first or renewed; {@code generatedKey} when the CA made the key pair
     * rather than signing a CSR. {@code adminId} is null for a renewal the client asked for itself.
     */
    public record ClientIssued(String clientId, boolean renewal, Long adminId, String ip, BigInteger serial,
            String fingerprint, Instant expiresAt, boolean generatedKey) {
    }

    public record Revoked(String clientId, long adminId, String ip, String reason, RevocationReason code) {
    }

    /** A component's certificate in the data directory renewed by the server itself, before it expired. */
    public record ComponentRenewed(String component, BigInteger previousSerial, BigInteger serial, Instant expiresAt) {
    }

    public record ComponentIssued(String name, long adminId, String ip, List<String> dnsNames, List<String> ipAddresses,
            BigInteger serial) {
    }
}
