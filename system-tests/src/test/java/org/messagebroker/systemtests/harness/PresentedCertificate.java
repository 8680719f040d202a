package org.messagebroker.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.messagebroker.core.tls.TlsContexts;

/** What a port presents to a new TLS connection, made with the demo client's certificate from {@code dataDir}. */
public final class PresentedCertificate {

    private PresentedCertificate() {
    }

    public static BigInteger serial(Path dataDir, URI port) {
        SSLContext tls = TlsContexts.mutual(dataDir.resolve("demo-client.crt"), dataDir.resolve("demo-client.key"),
                dataDir.resolve("ca.crt"));
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(port.getHost(), port.getPort())) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
