package org.messagebroker.proxy.http;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.messagebroker.core.tls.ClientCertificateTrust;

/**
 * {@link ClientCertificateTrust} for BoringSSL, with its refusals named so the client gets the right TLS
 * alert: {@code unsupported_certificate} for a certificate not meant for clients, {@code unknown_ca} for
 * one our CA did not issue (instead of BoringSSL's {@code internal_error} for a reason it cannot tell);
 * expiry and revocation keep the alerts Netty already gives them.
 */
final class HandshakeTrust extends X509ExtendedTrustManager {

    private final ClientCertificateTrust trust;

    HandshakeTrust(ClientCertificateTrust trust) {
        this.trust = trust;
    }

    private static CertificateException named(CertificateException e) {
        if (e instanceof ClientCertificateTrust.WrongPurposeException) {
            return new OpenSslCertificateException(e.getMessage(), CertificateVerifier.X509_V_ERR_INVALID_PURPOSE);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathValidatorException path
                    && path.getReason() != CertPathValidatorException.BasicReason.UNSPECIFIED
                    && path.getReason() != CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                return e; // expired, not yet valid, revoked: Netty names those itself
            }
        }
        return new OpenSslCertificateException(e.getMessage(),
                CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            trust.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw named(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            trust.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw named(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            trust.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw named(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        trust.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        trust.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trust.getAcceptedIssuers();
    }
}
