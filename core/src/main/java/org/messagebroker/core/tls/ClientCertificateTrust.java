package org.messagebroker.core.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust for client certificates in the TLS handshake: the purpose first — a client certificate must be an
 * end entity (not a CA) and must name client authentication in its extended key usage — then the JDK's
 * PKIX validation against our CA only (signature, validity, chain). The JDK alone accepts a leaf with
 * no extended key usage at all, and one marked as a CA.
 */
public final class ClientCertificateTrust extends X509ExtendedTrustManager {

    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final X509ExtendedTrustManager pkix;

    private ClientCertificateTrust(X509ExtendedTrustManager pkix) {
        this.pkix = pkix;
    }

    /** Trusts client certificates issued by the CA in {@code caCertificate} and meant for client authentication. */
    public static ClientCertificateTrust of(Path caCertificate) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", PemFiles.readCertificate(caCertificate));
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            return new ClientCertificateTrust((X509ExtendedTrustManager) factory.getTrustManagers()[0]);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust " + caCertificate, e);
        }
    }

    /** The purpose check alone, for certificates already chained to our CA. */
    public static void requireClientPurpose(X509Certificate leaf) throws CertificateException {
        if (leaf.getBasicConstraints() >= 0) {
            throw new WrongPurposeException("a CA certificate cannot authenticate a client");
        }
        List<String> purposes;
        try {
            purposes = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new WrongPurposeException("unreadable extended key usage");
        }
        if (purposes == null || !purposes.contains(CLIENT_AUTH)) {
            throw new WrongPurposeException("the certificate is not meant for client authentication");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        requireClientPurpose(chain[0]);
        pkix.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        requireClientPurpose(chain[0]);
        pkix.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        requireClientPurpose(chain[0]);
        pkix.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("only clients are checked here");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("only clients are checked here");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("only clients are checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    /** A certificate from our CA, valid, but not a client's: a CA, or without client authentication. */
    public static class WrongPurposeException extends CertificateException {
        WrongPurposeException(String message) {
            super(message);
        }
    }
}
