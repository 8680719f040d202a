package org.messagebroker.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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

    /**
     * Trusts the JDK's public CAs and those in {@code extraCas} (a PEM file of one or more certificates):
     * for outbound connections to servers with certificates from a private CA (webhook receivers, SMTP relays).
     */
    public static SSLContext publicCasAnd(Path extraCas) {
        try (InputStream jdk = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts")); InputStream extra = Files.newInputStream(extraCas)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(jdk, null);
            int n = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(extra)) {
                trusted.setCertificateEntry("extra-ca-" + n++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the trusted CAs in " + extraCas + ": " + e.getMessage(), e);
        }
    }

    private static String location(Path file) {
        return "file:" + file.toAbsolutePath();
    }
}
