package org.messagebroker.core.tls;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/** TLS contexts for the components' HTTPS clients, from the PEM files the CA wrote. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /** Presents {@code certificate}/{@code key} and trusts only {@code caCertificate}. */
    public static SSLContext mutual(Path certificate, Path key, Path caCertificate) {
        PemSslStoreDetails keyStore = PemSslStoreDetails.forCertificate(location(certificate))
                .withPrivateKey(location(key));
        PemSslStoreDetails trustStore = PemSslStoreDetails.forCertificate(location(caCertificate));
        return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
    }

    /** Trusts only {@code caCertificate}; presents no certificate. */
    public static SSLContext trusting(Path caCertificate) {
        PemSslStoreDetails trustStore = PemSslStoreDetails.forCertificate(location(caCertificate));
        return SslBundle.of(new PemSslStoreBundle(null, trustStore)).createSslContext();
    }

    private static String location(Path file) {
        return "file:" + file.toAbsolutePath();
    }
}
