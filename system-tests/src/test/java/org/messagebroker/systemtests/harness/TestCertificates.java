package org.messagebroker.systemtests.harness;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.core.tls.TlsContexts;
import org.messagebroker.server.ca.CaKeyFile;
import org.messagebroker.server.ca.CertificateAuthority;

/** Client certificates for tests: from a stranger's CA, or from the installation's own CA. */
public final class TestCertificates {

    private TestCertificates() {
    }

    /** A client for "demo-client" whose certificate a CA that is not ours signed: what an attacker could make. */
    public static HttpClient foreignClient(Path dir, Path ourCa) {
        write(CertificateAuthority.create(Instant.now()), "demo-client", dir);
        return HttpClient.newBuilder()
                .sslContext(TlsContexts.mutual(dir.resolve("demo-client.crt"), dir.resolve("demo-client.key"), ourCa))
                .build();
    }

    /** Issues {@code clientId}.crt/.key in {@code dataDir} with the installation's CA, without recording the client. */
    public static void issueFromOurCa(Path dataDir, String clientId) {
        issueFromOurCa(dataDir, clientId, Instant.now(), KeyPurposeId.id_kp_clientAuth);
    }

    /** The same, valid for one day from {@code from} and for the given purpose. */
    public static void issueFromOurCa(Path dataDir, String clientId, Instant from, KeyPurposeId purpose) {
        write(new CertificateAuthority(PemFiles.readCertificate(dataDir.resolve("ca/ca.crt")),
                CaKeyFile.in(dataDir).read()), clientId, dataDir, from, purpose);
    }

    /**
     * A certificate our CA signed that is not a proper client certificate: without any extended key usage
     * ({@code eku} false), or marked as a CA ({@code ca} true, with client authentication).
     */
    public static void issueOddFromOurCa(Path dataDir, String clientId, boolean ca, boolean eku) throws Exception {
        X509Certificate issuer = PemFiles.readCertificate(dataDir.resolve("ca/ca.crt"));
        KeyPair pair = CertificateAuthority.newLeafKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + clientId + ", O=MessageBroker"),
                pair.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (eku) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        PrivateKey caKey = CaKeyFile.in(dataDir).read();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(caKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA")
                        .build(caKey)));
        PemFiles.writePublic(dataDir.resolve(clientId + ".crt"), PemFiles.pem("CERTIFICATE", certificate.getEncoded()));
        PemFiles.writeOwnerOnly(dataDir.resolve(clientId + ".key"),
                PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
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
