package org.messagebroker.server.ca;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;

/**
 * The installation's own components, told apart from clients by a certificate policy only the CA's
 * component issuance writes (a client's certificate never carries it, whatever its name or CSR says),
 * one policy per role, so each internal endpoint can name the one role it serves.
 */
public enum ComponentRole {
    PROXY(1), WORKER(2), SERVER(3), PORTAL(4);

    /** This product's arc: an OID made from a UUID (ITU-T X.667), so it needs no registration. */
    static final String ARC = "2.25.1640851677751654614649078320902362264";

    private final ASN1ObjectIdentifier policy;

    ComponentRole(int arc) {
        this.policy = new ASN1ObjectIdentifier(ARC + ".1." + arc);
    }

    /** The role whose name begins a component's name: {@code proxy}, {@code worker-2}, {@code server-eu}. */
    public static Optional<ComponentRole> forName(String name) {
        return Arrays.stream(values()).filter(role -> name.equals(role.label()) || name.startsWith(role.label() + "-"))
                .findFirst();
    }

    /** The role a certificate was issued for, from its component policy; empty for a client's certificate. */
    public static Optional<ComponentRole> of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.certificatePolicies.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            CertificatePolicies policies = CertificatePolicies.getInstance(
                    ASN1OctetString.getInstance(extension).getOctets());
            for (PolicyInformation information : policies.getPolicyInformation()) {
                for (ComponentRole role : values()) {
                    if (role.policy.equals(information.getPolicyIdentifier())) {
                        return Optional.of(role);
                    }
                }
            }
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    CertificatePolicies policies() {
        return new CertificatePolicies(new PolicyInformation(policy));
    }
}
