package org.messagebroker.cli.admin;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import org.messagebroker.core.tls.PemFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code broker certs verify FILE}: is this certificate one the proxy would accept today? Checks the
 * CA's signature, the validity period and the server's current CRL (fetched from its public endpoint).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks a PEM certificate against the installation's CA and its current CRL; exit 0 only if valid.")
class VerifyCommand implements Callable<Integer> {

    @Mixin AdminConnection server;
    @Parameters(paramLabel = "FILE") Path file;

    @Override
    public Integer call() throws GeneralSecurityException {
        X509Certificate certificate = PemFiles.readCertificate(file);
        X509Certificate ca = PemFiles.readCertificate(server.caCertificate());
        String subject = certificate.getSubjectX500Principal().getName();
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException notOurs) {
            System.out.println("NOT ISSUED BY THIS CA: " + subject);
            return 1;
        }
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException e) {
            System.out.println("EXPIRED on " + certificate.getNotAfter().toInstant() + ": " + subject);
            return 1;
        } catch (CertificateNotYetValidException e) {
            System.out.println("NOT YET VALID until " + certificate.getNotBefore().toInstant() + ": " + subject);
            return 1;
        }
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(server.getPublic("/ca/crl.der")));
        crl.verify(ca.getPublicKey());
        X509CRLEntry entry = crl.getRevokedCertificate(certificate);
        if (entry != null) {
            System.out.println("REVOKED on " + entry.getRevocationDate().toInstant() + ": " + subject);
            return 1;
        }
        System.out.println("VALID until " + certificate.getNotAfter().toInstant() + ": " + subject + " (serial "
                + certificate.getSerialNumber().toString(16) + ")");
        return 0;
    }
}
