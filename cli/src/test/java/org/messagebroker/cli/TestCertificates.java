package org.messagebroker.cli;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.core.tls.TlsContexts;
import org.messagebroker.server.ca.CaKeyFile;
import org.messagebroker.server.ca.CertificateAuthority;

/** Client certificates for tests: from a stranger's CA, or from the installation's own CA. */
final class TestCertificates {

    private TestCertificates() {
    }

    /** A client for "demo-client" whose certificate a CA that is not ours signed: what an attacker could make. */
    static HttpClient foreignClient(Path dir, Path ourCa) {
        write(CertificateAuthority.create(Instant.now()), "demo-client", dir);
        return HttpClient.newBuilder()
                .sslContext(TlsContexts.mutual(dir.resolve("demo-client.crt"), dir.resolve("demo-client.key"), ourCa))
                .build();
    }

    /** Issues {@code clientId}.crt/.key in {@code dataDir} with the installation's CA, without recording the client. */
    static void issueFromOurCa(Path dataDir, String clientId) {
        issueFromOurCa(dataDir, clientId, Instant.now(), KeyPurposeId.id_kp_clientAuth);
    }

    /** The same, valid for one day from {@code from} and for the given purpose. */
    static void issueFromOurCa(Path dataDir, String clientId, Instant from, KeyPurposeId purpose) {
        write(new CertificateAuthority(PemFiles.readCertificate(dataDir.resolve("ca/ca.crt")),
                CaKeyFile.in(dataDir).read()), clientId, dataDir, from, purpose);
    }

    private static void write(CertificateAuthority ca, String clientId, Path dir) {
        write(ca, clientId, dir, Instant.now(), KeyPurposeId.id_kp_clientAuth);
    }

    private static void write(CertificateAuthority ca, String clientId, Path dir, Instant from, KeyPurposeId purpose) {
        KeyPair pair = CertificateAuthority.newLeafKeyPair();
        X509Certificate certificate = ca.issue("CN=" + clientId + ", O=MessageBroker, OU=default", pair.getPublic(),
                from, Duration.ofDays(1), List.of(purpose), List.of(), List.of());
        try {
            PemFiles.writePublic(dir.resolve(clientId + ".crt"), PemFiles.pem("CERTIFICATE", certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        PemFiles.writeOwnerOnly(dir.resolve(clientId + ".key"), PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }
}
