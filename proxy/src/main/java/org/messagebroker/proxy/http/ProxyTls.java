package org.messagebroker.proxy.http;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;
import org.messagebroker.core.tls.ClientCertificateTrust;
import org.messagebroker.proxy.ProxySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.stereotype.Component;

/**
 * The proxy's TLS: its certificate and key from the PEM files, client certificates required and checked
 * by {@link ClientCertificateTrust}, TLS 1.3 and 1.2 with the configured suites, BoringSSL where Netty
 * ships it (Linux x86-64). Spring Boot's watcher of the {@code proxy} SSL bundle tells when the files
 * change; new connections then get the new certificate, open ones keep theirs.
 */
@Component
class ProxyTls {

    private static final Logger log = LoggerFactory.getLogger(ProxyTls.class);
    private static final String BUNDLE = "proxy";

    private final Path certificate;
    private final Path key;
    private final Path ca;
    private final SslOptions options;
    private volatile SslContext current;

    ProxyTls(ProxySettings settings, SslBundles bundles) {
        this.certificate = settings.tls().certificate();
        this.key = settings.tls().privateKey();
        this.ca = settings.tls().caCertificate();
        this.options = bundles.getBundle(BUNDLE).getOptions();
        this.current = build();
        bundles.addBundleUpdateHandler(BUNDLE, changed -> {
            current = build();
            log.info("The proxy's certificate was reloaded from {}", this.certificate);
        });
    }

    SslContext current() {
        return current;
    }

    private SslContext build() {
        try {
            return SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .trustManager(OpenSsl.isAvailable() ? new HandshakeTrust(ClientCertificateTrust.of(ca))
                            : ClientCertificateTrust.of(ca))
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols(options.getEnabledProtocols())
                    .ciphers(options.getCiphers() == null ? null : List.of(options.getCiphers()))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS with " + certificate + " and " + key, e);
        }
    }
}
