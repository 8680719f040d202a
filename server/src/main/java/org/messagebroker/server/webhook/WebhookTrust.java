package org.messagebroker.server.webhook;

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
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.stereotype.Component;

/**
 * Whom webhook receivers must prove to be: the JDK's public CAs, plus the CAs of
 * {@code broker.webhooks.trusted-ca} for receivers with certificates from a private CA.
 */
@Component
class WebhookTrust {

    private final SSLContext sslContext;

    WebhookTrust(ServerSettings.Webhooks settings) {
        this.sslContext = settings.trustedCa() == null ? defaultContext() : withExtraCas(settings.trustedCa());
    }

    SSLContext sslContext() {
        return sslContext;
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    private static SSLContext withExtraCas(Path pemFile) {
        try (InputStream jdk = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts")); InputStream extra = Files.newInputStream(pemFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(jdk, null);
            int n = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(extra)) {
                trusted.setCertificateEntry("broker-webhooks-extra-" + n++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the webhooks' trusted CAs from " + pemFile + ": " + e.getMessage(), e);
        }
    }
}
