package org.messagebroker.proxy.http;

import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.jspecify.annotations.Nullable;

/**
 * What the proxy reads from the client certificate the TLS handshake verified: its serial (hex) and its
 * subject's common name, the client's id ({@code null} if the subject has none). Read once per connection.
 */
public record ClientCertificate(String serial, @Nullable String commonName) {

    public static ClientCertificate of(X509Certificate certificate) {
        return new ClientCertificate(certificate.getSerialNumber().toString(16), commonName(certificate));
    }

    private static @Nullable String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException malformed) {
            return null;
        }
        return null;
    }
}
