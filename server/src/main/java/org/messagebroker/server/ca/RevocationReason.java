package org.messagebroker.server.ca;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;

/** The RFC 5280 reasons an admin may give for a revocation, as they appear in the CRL. */
public enum RevocationReason {
    unspecified(CRLReason.unspecified),
    keyCompromise(CRLReason.keyCompromise),
    affiliationChanged(CRLReason.affiliationChanged),
    superseded(CRLReason.superseded),
    cessationOfOperation(CRLReason.cessationOfOperation),
    privilegeWithdrawn(CRLReason.privilegeWithdrawn);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    int crlCode() {
        return code;
    }

    /** The reason by its name, or empty; null names {@link #unspecified}. */
    public static Optional<RevocationReason> named(String name) {
        return name == null ? Optional.of(unspecified)
                : Arrays.stream(values()).filter(reason -> reason.name().equals(name)).findFirst();
    }
}
