package org.messagebroker.server.ca;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.core.tls.InternalApiClient;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.core.tls.TlsContexts;

/**
 * A component's client of the internal API presents its renewed certificate once the file is replaced
 * (as ComponentCertificateRenewer replaces it), without a restart. Lives here, where a CA is at hand.
 */
class InternalApiClientReloadTest {

    final CertificateAuthority ca = CertificateAuthority.create(Instant.now(), CertificateAuthority.KeyType.ecp256);
    final List<BigInteger> presented = new CopyOnWriteArrayList<>();
    @TempDir
    Path dir;
    HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private X509Certificate issue(String name) {
        KeyPair pair = CertificateAuthority.newLeafKeyPair();
        X509Certificate certificate = ca.issueComponent(ComponentRole.forName(name.startsWith("server") ? "server"
                : "worker").orElseThrow(), "CN=" + name, pair.getPublic(), Instant.now(), Duration.ofDays(1),
                List.of("localhost"), List.of("127.0.0.1"));
        try {
            PemFiles.writeOwnerOnly(dir.resolve(name + ".key"), PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            PemFiles.writePublic(dir.resolve(name + ".crt"), PemFiles.pem("CERTIFICATE", certificate.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return certificate;
    }

    @Test
    void aReplacedCertificateIsPresentedFromTheNextCallsOn() throws Exception {
        PemFiles.writePublic(dir.resolve("ca.crt"), PemFiles.pem("CERTIFICATE", ca.certificate().getEncoded()));
        issue("server");
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TlsContexts.mutual(dir.resolve("server.crt"),
                dir.resolve("server.key"), dir.resolve("ca.crt"))) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            presented.add(((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                    .getSerialNumber());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        X509Certificate first = issue("worker");
        InternalApiClient client = new InternalApiClient(URI.create("https://localhost:" + server.getAddress().getPort()),
                dir.resolve("worker.crt"), dir.resolve("worker.key"), dir.resolve("ca.crt"), Duration.ofSeconds(5));

        assertThat(client.get("/internal/anything").statusCode()).isEqualTo(204);
        X509Certificate renewed = issue("worker");
        Thread.sleep(5_500); // the client looks at the file at most every five seconds
        assertThat(client.get("/internal/anything").statusCode()).isEqualTo(204);

        assertThat(presented).containsExactly(first.getSerialNumber(), renewed.getSerialNumber());
    }
}
