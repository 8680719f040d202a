package org.messagebroker.server.webhook;

import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.messagebroker.core.tls.TlsContexts;
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
        this.sslContext = settings.trustedCa() == null ? defaultContext() : TlsContexts.publicCasAnd(settings.trustedCa());
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
}
